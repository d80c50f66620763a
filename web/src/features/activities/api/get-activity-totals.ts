import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ActivityTotals } from '../../../../../src/contracts/activities';
import { apiGet } from '../../../lib/api';

export const getActivityTotals = (from: string, to: string) => apiGet<ActivityTotals>('/activities/totals', { from, to });
export const activityTotalsQuery = (from: string, to: string) =>
  queryOptions({ queryKey: ['activities', 'totals', from, to], queryFn: () => getActivityTotals(from, to) });
export const useActivityTotals = (from: string, to: string) => useQuery(activityTotalsQuery(from, to));
