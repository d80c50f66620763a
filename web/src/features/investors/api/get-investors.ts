// A page of investors matching the filters.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { investorsKeys } from './keys';
import { investorPageSchema, type Investor } from '../../../../../src/contracts/investors';

export type Query = Record<string, string | number | undefined>;
export type PageOf<T> = { items: T[]; total: number; page: number; pageSize: number };
export async function getInvestors(q: Query): Promise<PageOf<Investor>> {
  return checked(investorPageSchema, await apiGet('/investors', q), 'GET /investors');
}
export const investorsQueryOptions = (q: Query) =>
  queryOptions({ queryKey: investorsKeys.of('list', q), queryFn: () => getInvestors(q), placeholderData: (p) => p });
export function useInvestors(q: Query) {
  return useQuery(investorsQueryOptions(q));
}
