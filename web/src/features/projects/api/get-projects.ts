// A page of projects matching the filters.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import { projectPageSchema, type Project } from '../../../../../src/contracts/projects';

export type Query = Record<string, string | number | undefined>;
export type PageOf<T> = { items: T[]; total: number; page: number; pageSize: number };
export async function getProjects(q: Query): Promise<PageOf<Project>> {
  return checked(projectPageSchema, await apiGet('/projects', q), 'GET /projects');
}
export const projectsQueryOptions = (q: Query) =>
  queryOptions({ queryKey: projectsKeys.of('list', q), queryFn: () => getProjects(q), placeholderData: (prev) => prev });
export function useProjects(q: Query) {
  return useQuery(projectsQueryOptions(q));
}
