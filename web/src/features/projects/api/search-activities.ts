// Activities matching a search, for the project form's 来源活动 search-select.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import { activitySchema } from '../../../../../src/contracts/activities';

const option = activitySchema.pick({ id: true, name: true, startDate: true, destination: true }).passthrough();
export type ActivityOption = z.infer<typeof option>;
const response = z.object({ items: z.array(option) }).passthrough();

export async function searchActivities(q: string): Promise<ActivityOption[]> {
  return checked(response, await apiGet('/activities', { q: q || undefined, pageSize: 20 }), 'GET /activities').items;
}
export async function getActivityOption(id: number): Promise<ActivityOption> {
  return checked(option, await apiGet(`/activities/${id}`), 'GET /activities/:id');
}
// Under 'projects' (not 'activities'): these keys hold option lists, the activities feature's keys hold pages.
export const activitySearchQueryOptions = (q: string) =>
  queryOptions({ queryKey: projectsKeys.of('activity-search', q), queryFn: () => searchActivities(q) });
export const activityOptionQueryOptions = (id: number) =>
  queryOptions({ queryKey: projectsKeys.of('activity-option', id), queryFn: () => getActivityOption(id) });
export const useActivitySearch = (q: string, enabled = true) => useQuery({ ...activitySearchQueryOptions(q), enabled });
export const useActivityOption = (id: number | null | undefined) => useQuery({ ...activityOptionQueryOptions(id ?? 0), enabled: !!id });
