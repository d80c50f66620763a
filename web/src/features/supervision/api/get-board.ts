import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { taskBoardSchema } from '../../../../../src/contracts/warnings';
import { apiGet } from '../../../lib/api';

export type TaskBoard = z.infer<typeof taskBoardSchema>;
export const getBoard = () => apiGet<TaskBoard>('/supervision/board');
export const boardQuery = () => queryOptions({ queryKey: ['supervision', 'board'], queryFn: getBoard });
export const useBoard = () => useQuery(boardQuery());
