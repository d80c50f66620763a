// The units list, shared by every feature that shows or picks a unit: one key, one shape (Unit[]).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { unitSchema, type Unit } from '../../../../src/contracts/units';
import { apiGet, checked } from '../../lib/api';
import { sharedKeys } from './query-keys';

const unitsResponse = z.object({ items: z.array(unitSchema) });

export async function getUnits(): Promise<Unit[]> {
  return checked(unitsResponse, await apiGet('/units'), 'GET /units').items;
}
export const unitsQueryOptions = () => queryOptions({ queryKey: sharedKeys.units.of('list'), queryFn: getUnits, staleTime: 60_000 });
export function useUnits(enabled = true) {
  return useQuery({ ...unitsQueryOptions(), enabled });
}
