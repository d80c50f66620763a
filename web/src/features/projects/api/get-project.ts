// One project.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import { projectSchema, type Project } from '../../../../../src/contracts/projects';

export async function getProject(id: number): Promise<Project> {
  return checked(projectSchema, await apiGet(`/projects/${id}`), 'GET /projects/:id');
}
export const projectQueryOptions = (id: number) => queryOptions({ queryKey: projectsKeys.of('one', id), queryFn: () => getProject(id) });
export function useProject(id: number) {
  return useQuery(projectQueryOptions(id));
}
