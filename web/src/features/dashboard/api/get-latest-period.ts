import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { latestPeriodSchema } from '../../../../../src/contracts/stats';
import { statsKeys } from './keys';

// The latest period with data: the dashboard opens on it.
export async function getLatestPeriod(): Promise<{ period: string; hasData: boolean }> {
  return checked(latestPeriodSchema, await apiGet('/stats/latest-period'), 'GET /stats/latest-period');
}
export const latestPeriodQueryOptions = () => queryOptions({ queryKey: statsKeys.of('latest'), queryFn: getLatestPeriod });
export function useLatestPeriod() {
  return useQuery(latestPeriodQueryOptions());
}
