// Writes of an activity: create/update, the report, crediting and removing signed contracts.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ActivityCreate, ActivityDetail, ActivityUpdate } from '../../../../../src/contracts/activities';
import { apiSend } from '../../../lib/api';

export const createActivity = (body: ActivityCreate) => apiSend<ActivityDetail>('POST', '/activities', body);
export const updateActivity = (id: number, body: ActivityUpdate) => apiSend<ActivityDetail>('PATCH', `/activities/${id}`, body);
export const fileActivityReport = (id: number, body: { report: string; reportedOn?: string; version: number }) =>
  apiSend<ActivityDetail>('PUT', `/activities/${id}/report`, body);
export const creditActivityProject = (id: number, projectId: number) =>
  apiSend<ActivityDetail>('POST', `/activities/${id}/projects`, { projectId });
export const uncreditActivityProject = (id: number, projectId: number) =>
  apiSend<ActivityDetail>('DELETE', `/activities/${id}/projects/${projectId}`);

/** Any write: run it, then refresh every activities query (list, calendar, totals, the one). */
export function useActivityWrite<A>(fn: (a: A) => Promise<ActivityDetail>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['activities'] }) });
}
