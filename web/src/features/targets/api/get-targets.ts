import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { targetSchema, type Target } from '../../../../../src/contracts/targets';
import { targetsKeys } from './keys';

// The targets of a year (for 对比上年).
const response = z.object({ items: z.array(targetSchema) });
export async function getTargets(year: number): Promise<Target[]> {
  return checked(response, await apiGet('/targets', { year }), 'GET /targets').items;
}
export const targetsQueryOptions = (year: number) => queryOptions({ queryKey: targetsKeys.of('list', year), queryFn: () => getTargets(year) });
export function useTargets(year: number, enabled = true) {
  return useQuery({ ...targetsQueryOptions(year), enabled });
}
