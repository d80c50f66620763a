import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';

type ProjectOption = { id: number; code: string; name: string };
export const getProjectOptions = (q: string) => apiGet<{ items: ProjectOption[] }>('/projects', { q, pageSize: 50 });
export const projectOptionsQuery = (q: string) =>
  queryOptions({ queryKey: ['policies', 'project-options', q], queryFn: () => getProjectOptions(q) });
export const useProjectOptions = (q: string, enabled: boolean) => useQuery({ ...projectOptionsQuery(q), enabled });
