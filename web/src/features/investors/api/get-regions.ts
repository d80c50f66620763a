// Regions matching a name, for the origin picker.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { investorsKeys } from './keys';
import { regionHitSchema } from '../../../../../src/contracts/investors';

export type RegionHit = { code: string; name: string; kind: string };
const response = z.object({ items: z.array(regionHitSchema) });
export async function getRegions(q: string): Promise<RegionHit[]> {
  return checked(response, await apiGet('/investors/regions', { q }), 'GET /investors/regions').items as RegionHit[];
}
export const regionsQueryOptions = (q: string) =>
  queryOptions({ queryKey: investorsKeys.of('regions', q), queryFn: () => getRegions(q), enabled: q.trim().length > 0 });
export function useRegions(q: string) {
  return useQuery(regionsQueryOptions(q));
}
