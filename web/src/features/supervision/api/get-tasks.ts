import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SupervisionTask } from '../../../../../src/contracts/warnings';
import { apiGet } from '../../../lib/api';

export type TaskStatusFilter = 'active' | 'open' | 'answered' | 'closed' | 'all';
export const getTasks = (status: TaskStatusFilter, unit?: string, meeting?: string) =>
  apiGet<{ items: SupervisionTask[] }>('/supervision/tasks', { status, unit, meeting });
export const tasksQuery = (status: TaskStatusFilter, unit?: string, meeting?: string) =>
  queryOptions({
    queryKey: ['supervision', 'tasks', status, unit ?? null, meeting ?? null],
    queryFn: () => getTasks(status, unit, meeting),
    staleTime: 0,
  });
export const useTasks = (status: TaskStatusFilter, unit?: string, meeting?: string) => useQuery(tasksQuery(status, unit, meeting));
