import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { dispatchStatsSchema, type DispatchStatsDto } from '../../../../../src/contracts/stats';
import { statsKeys } from './keys';
import type { Scope } from './scope';

export async function getDispatch(s: Scope): Promise<DispatchStatsDto> {
  return checked(
    dispatchStatsSchema,
    await apiGet('/stats/dispatch', { ...s, detail: 'summary' }),
    'GET /stats/dispatch',
  ) as DispatchStatsDto;
}
export const dispatchQueryOptions = (s: Scope) =>
  queryOptions({ queryKey: statsKeys.of('dispatch', s), queryFn: () => getDispatch(s), enabled: !!s.period });
export function useDispatch(s: Scope) {
  return useQuery(dispatchQueryOptions(s));
}
