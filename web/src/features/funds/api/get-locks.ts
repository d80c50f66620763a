// The locked periods.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';
import { periodSchema } from '../../../../../src/contracts/common';

const response = z.object({ items: z.array(z.object({ period: periodSchema }).passthrough()) });
export async function getLocks(): Promise<{ period: string }[]> {
  return checked(response, await apiGet('/periods/locks'), 'GET /periods/locks').items;
}
export const locksQueryOptions = () => queryOptions({ queryKey: fundsKeys.of('locks'), queryFn: getLocks });
export function useLocks() {
  return useQuery(locksQueryOptions());
}
