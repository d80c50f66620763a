// A project's timeline.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import { timelineItemSchema, type TimelineItem } from '../../../../../src/contracts/projects';

const response = z.object({ items: z.array(timelineItemSchema) });
export async function getTimeline(id: number): Promise<TimelineItem[]> {
  return checked(response, await apiGet(`/projects/${id}/timeline`), 'GET /projects/:id/timeline').items;
}
export const timelineQueryOptions = (id: number) =>
  queryOptions({ queryKey: projectsKeys.of('timeline', id), queryFn: () => getTimeline(id) });
export function useTimeline(id: number) {
  return useQuery(timelineQueryOptions(id));
}
