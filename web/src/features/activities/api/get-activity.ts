import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ActivityDetail } from '../../../../../src/contracts/activities';
import { apiGet } from '../../../lib/api';

export const getActivity = (id: number) => apiGet<ActivityDetail>(`/activities/${id}`);
export const activityQuery = (id: number) => queryOptions({ queryKey: ['activities', 'one', id], queryFn: () => getActivity(id) });
export const useActivity = (id: number) => useQuery(activityQuery(id));
