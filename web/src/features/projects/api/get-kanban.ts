// Projects by stage for the pipeline board.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import { kanbanSchema, type Kanban } from '../../../../../src/contracts/projects';

export async function getKanban(q: Record<string, string | number | undefined>): Promise<Kanban> {
  return checked(kanbanSchema, await apiGet('/projects/kanban', q), 'GET /projects/kanban');
}
export const kanbanQueryOptions = (q: Record<string, string | number | undefined>) =>
  queryOptions({ queryKey: projectsKeys.of('kanban', q), queryFn: () => getKanban(q) });
export function useKanban(q: Record<string, string | number | undefined>) {
  return useQuery(kanbanQueryOptions(q));
}
