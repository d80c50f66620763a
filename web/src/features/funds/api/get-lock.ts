// Whether a period is locked, with its lock/unlock history.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';
import { periodLockSchema, type PeriodLock } from '../../../../../src/contracts/funds';

export async function getLock(period: string): Promise<PeriodLock> {
  return checked(periodLockSchema, await apiGet(`/periods/${period}/lock`), 'GET /periods/:period/lock');
}
export const lockQueryOptions = (period: string) =>
  queryOptions({ queryKey: fundsKeys.of('lock', period), queryFn: () => getLock(period) });
export function useLock(period: string) {
  return useQuery(lockQueryOptions(period));
}
