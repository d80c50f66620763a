// One investor with its projects.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { investorsKeys } from './keys';
import { investorDetailSchema, type InvestorDetail } from '../../../../../src/contracts/investors';

export async function getInvestor(id: number): Promise<InvestorDetail> {
  return checked(investorDetailSchema, await apiGet(`/investors/${id}`), 'GET /investors/:id');
}
export const investorQueryOptions = (id: number) => queryOptions({ queryKey: investorsKeys.of('one', id), queryFn: () => getInvestor(id) });
export function useInvestor(id: number) {
  return useQuery(investorQueryOptions(id));
}
