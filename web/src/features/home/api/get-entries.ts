// Fund entries in one status (returned, submitted, approved), of the person's scope, any period.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { fundEntrySchema, type FundEntry, type FundEntryStatus } from '../../../../../src/contracts/funds';
import { apiGet, checked } from '../../../lib/api';
import { homeKeys } from './keys';

const response = z.object({ items: z.array(fundEntrySchema) });
export async function getEntriesInStatus(status: FundEntryStatus, unitCode?: string): Promise<FundEntry[]> {
  return checked(response, await apiGet('/fund-entries', { status, unitCode }), 'GET /fund-entries').items;
}
export const entriesInStatusQueryOptions = (status: FundEntryStatus, unitCode?: string) =>
  queryOptions({ queryKey: homeKeys.of('entries', status, unitCode), queryFn: () => getEntriesInStatus(status, unitCode) });
export function useEntriesInStatus(status: FundEntryStatus, unitCode?: string) {
  return useQuery(entriesInStatusQueryOptions(status, unitCode));
}
