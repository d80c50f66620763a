// The dispatch statistics of the latest period with data (the supervisor's home reads who lags).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { dispatchStatsSchema, latestPeriodSchema, type DispatchStatsDto } from '../../../../../src/contracts/stats';
import { apiGet, checked } from '../../../lib/api';
import { homeKeys } from './keys';

export async function getLatestDispatch(): Promise<DispatchStatsDto> {
  const latest = checked(latestPeriodSchema, await apiGet('/stats/latest-period'), 'GET /stats/latest-period');
  return checked(
    dispatchStatsSchema,
    await apiGet('/stats/dispatch', { period: latest.period, detail: 'summary' }),
    'GET /stats/dispatch',
  ) as DispatchStatsDto;
}
export const latestDispatchQueryOptions = () => queryOptions({ queryKey: homeKeys.of('latest-dispatch'), queryFn: getLatestDispatch });
export function useLatestDispatch() {
  return useQuery(latestDispatchQueryOptions());
}
