import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { breakdownSchema, type BreakdownDto } from '../../../../../src/contracts/stats';
import { statsKeys } from './keys';
import type { Scope } from './scope';

export async function getBreakdown(s: Scope): Promise<BreakdownDto> {
  return checked(breakdownSchema, await apiGet('/stats/breakdown', s), 'GET /stats/breakdown') as BreakdownDto;
}
export const breakdownQueryOptions = (s: Scope) =>
  queryOptions({ queryKey: statsKeys.of('breakdown', s), queryFn: () => getBreakdown(s), enabled: !!s.period });
export function useBreakdown(s: Scope) {
  return useQuery(breakdownQueryOptions(s));
}
