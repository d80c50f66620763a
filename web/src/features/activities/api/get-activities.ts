import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Activity } from '../../../../../src/contracts/activities';
import { apiGet } from '../../../lib/api';

export type ActivityFilters = Record<string, string | number | undefined>;
export type ActivityPage = { items: Activity[]; total: number; page: number; pageSize: number };
export const getActivities = (q: ActivityFilters) => apiGet<ActivityPage>('/activities', q);
export const activitiesQuery = (q: ActivityFilters) =>
  queryOptions({ queryKey: ['activities', 'list', q], queryFn: () => getActivities(q), placeholderData: (p) => p });
export const useActivities = (q: ActivityFilters) => useQuery(activitiesQuery(q));
