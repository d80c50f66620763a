import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { monthlySchema, type MonthlyDto } from '../../../../../src/contracts/stats';
import { statsKeys } from './keys';
import type { Scope } from './scope';

export async function getMonthly(s: Scope): Promise<MonthlyDto> {
  return checked(monthlySchema, await apiGet('/stats/monthly', s), 'GET /stats/monthly') as MonthlyDto;
}
export const monthlyQueryOptions = (s: Scope) =>
  queryOptions({ queryKey: statsKeys.of('monthly', s), queryFn: () => getMonthly(s), enabled: !!s.period });
export function useMonthly(s: Scope) {
  return useQuery(monthlyQueryOptions(s));
}
