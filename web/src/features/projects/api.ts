// Server calls of the projects feature, one hook each; writes invalidate the project queries.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, apiUpload } from '../../lib/api';
import type {
  ApprovalItem, Attachment, Blocker, Commitment, FollowUp, Kanban, MoveCreate, Project, ProjectCreate, ProjectUpdate,
  SavedFilter, StageMove, TimelineItem,
} from '../../../../src/contracts/projects';
import type { Investor } from '../../../../src/contracts/investors';
import type { Unit } from '../../../../src/contracts/units';

export type Query = Record<string, string | number | undefined>;
type PageOf<T> = { items: T[]; total: number; page: number; pageSize: number };
const KEY = 'projects';

export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => apiGet<{ items: Unit[] }>('/units').then((r) => r.items), staleTime: 60_000 });
}
export function useProjects(q: Query) {
  return useQuery({ queryKey: [KEY, 'list', q], queryFn: () => apiGet<PageOf<Project>>('/projects', q), placeholderData: (prev) => prev });
}
export function useKanban(q: Query) {
  return useQuery({ queryKey: [KEY, 'kanban', q], queryFn: () => apiGet<Kanban>('/projects/kanban', q) });
}
export function useProject(id: number) {
  return useQuery({ queryKey: [KEY, 'one', id], queryFn: () => apiGet<Project>(`/projects/${id}`) });
}
export function useTimeline(id: number) {
  return useQuery({ queryKey: [KEY, 'timeline', id], queryFn: () => apiGet<{ items: TimelineItem[] }>(`/projects/${id}/timeline`).then((r) => r.items) });
}
export function useMoves(id: number) {
  return useQuery({ queryKey: [KEY, 'moves', id], queryFn: () => apiGet<{ items: StageMove[] }>(`/projects/${id}/moves`).then((r) => r.items) });
}
export type ItemPath = 'follow-ups' | 'blockers' | 'commitments' | 'approval-items';
export type ItemOf<P extends ItemPath> = P extends 'follow-ups' ? FollowUp : P extends 'blockers' ? Blocker : P extends 'commitments' ? Commitment : ApprovalItem;
export function useItems<P extends ItemPath>(id: number, path: P) {
  return useQuery({ queryKey: [KEY, path, id], queryFn: () => apiGet<{ items: ItemOf<P>[] }>(`/projects/${id}/${path}`).then((r) => r.items) });
}
export function useAttachments(id: number) {
  return useQuery({ queryKey: [KEY, 'attachments', id], queryFn: () => apiGet<{ items: Attachment[] }>(`/projects/${id}/attachments`).then((r) => r.items) });
}
export function useSavedFilters() {
  return useQuery({ queryKey: [KEY, 'saved'], queryFn: () => apiGet<{ items: SavedFilter[] }>('/saved-filters', { scope: 'projects' }).then((r) => r.items) });
}
export function useInvestorSearch(q: string) {
  return useQuery({ queryKey: ['investors', 'search', q], queryFn: () => apiGet<{ items: Investor[] }>('/investors', { q, pageSize: 20 }).then((r) => r.items) });
}

function useProjectMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => { void qc.invalidateQueries({ queryKey: [KEY] }); void qc.invalidateQueries({ queryKey: ['investors'] }); } });
}
export const useCreateProject = () => useProjectMutation((b: ProjectCreate) => apiSend<Project>('POST', '/projects', b));
export const useUpdateProject = () => useProjectMutation(({ id, ...b }: ProjectUpdate & { id: number }) => apiSend<Project>('PATCH', `/projects/${id}`, b));
export const useMoveProject = () => useProjectMutation(({ id, ...b }: MoveCreate & { id: number }) => apiSend<Project>('POST', `/projects/${id}/moves`, b));
export const useSaveItem = () => useProjectMutation(({ projectId, path, itemId, body }: { projectId: number; path: ItemPath; itemId?: number; body: Record<string, unknown> }) =>
  itemId ? apiSend('PATCH', `/projects/${projectId}/${path}/${itemId}`, body) : apiSend('POST', `/projects/${projectId}/${path}`, body));
export const useDeleteItem = () => useProjectMutation(({ projectId, path, itemId, version }: { projectId: number; path: ItemPath | 'attachments'; itemId: number; version?: number }) =>
  apiSend('DELETE', `/projects/${projectId}/${path}/${itemId}${version ? `?version=${version}` : ''}`));
export const useUpload = () => useProjectMutation(({ projectId, file }: { projectId: number; file: File }) => {
  const f = new FormData();
  f.append('file', file);
  return apiUpload<Attachment>(`/projects/${projectId}/attachments`, f);
});
export const useSaveFilter = () => useProjectMutation((b: { name: string; query: Record<string, unknown> }) => apiSend<SavedFilter>('POST', '/saved-filters', { scope: 'projects', ...b }));
export const useDeleteFilter = () => useProjectMutation((id: number) => apiSend('DELETE', `/saved-filters/${id}`));
