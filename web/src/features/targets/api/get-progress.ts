import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { targetProgressListSchema, type TargetProgressList } from '../../../../../src/contracts/targets';
import { targetsKeys } from './keys';

// Targets of a year with what was achieved up to a period (the latest when none is given).
export type ProgressQuery = { year: number; period?: string | undefined };
export async function getProgress(q: ProgressQuery): Promise<TargetProgressList> {
  return checked(targetProgressListSchema, await apiGet('/targets/progress', q), 'GET /targets/progress');
}
export const progressQueryOptions = (q: ProgressQuery) =>
  queryOptions({ queryKey: targetsKeys.of('progress', q), queryFn: () => getProgress(q) });
export function useProgress(q: ProgressQuery, enabled = true) {
  return useQuery({ ...progressQueryOptions(q), enabled });
}
