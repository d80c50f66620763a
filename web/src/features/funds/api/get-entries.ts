// Fund entries of a unit and period (or a status queue).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';
import { fundEntrySchema, type FundEntry, type FundEntryStatus } from '../../../../../src/contracts/funds';

export type EntriesQuery = { unitCode?: string | undefined; period?: string | undefined; status?: FundEntryStatus | undefined };
const response = z.object({ items: z.array(fundEntrySchema) });
export async function getEntries(q: EntriesQuery): Promise<FundEntry[]> {
  return checked(response, await apiGet('/fund-entries', q), 'GET /fund-entries').items;
}
export const entriesQueryOptions = (q: EntriesQuery) =>
  queryOptions({ queryKey: fundsKeys.of('entries', q), queryFn: () => getEntries(q) });
export function useEntries(q: EntriesQuery, enabled = true) {
  return useQuery({ ...entriesQueryOptions(q), enabled });
}
