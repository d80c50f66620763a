// Another user (the unit, the supervisor) changes a task at any time: always refetch on opening.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SupervisionTaskDetail } from '../../../../../src/contracts/warnings';
import { apiGet } from '../../../lib/api';

export const getTask = (id: number) => apiGet<SupervisionTaskDetail>(`/supervision/tasks/${id}`);
export const taskQuery = (id: number) => queryOptions({ queryKey: ['supervision', 'task', id], queryFn: () => getTask(id), staleTime: 0 });
export const useTask = (id: number) => useQuery(taskQuery(id));
