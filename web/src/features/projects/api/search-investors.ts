// Investors matching a search, for the project form.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';

import { investorSchema, type Investor } from '../../../../../src/contracts/investors';
const response = z.object({ items: z.array(investorSchema) }).passthrough();
export async function searchInvestors(q: string): Promise<Investor[]> {
  return checked(response, await apiGet('/investors', { q, pageSize: 20 }), 'GET /investors').items;
}
// Under 'projects' (not 'investors'): this key holds Investor[], the investors feature's keys hold pages.
export const investorSearchQueryOptions = (q: string) =>
  queryOptions({ queryKey: projectsKeys.of('investor-search', q), queryFn: () => searchInvestors(q) });
export function useInvestorSearch(q: string) {
  return useQuery(investorSearchQueryOptions(q));
}
