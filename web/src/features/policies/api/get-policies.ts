import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Policy } from '../../../../../src/contracts/policies';
import { apiGet } from '../../../lib/api';

export const getPolicies = (status?: string, q?: string) => apiGet<{ items: Policy[] }>('/policies', { status, q });
export const policiesQuery = (status?: string, q?: string) =>
  queryOptions({ queryKey: ['policies', 'list', status ?? null, q ?? null], queryFn: () => getPolicies(status, q) });
export const usePolicies = (status?: string, q?: string) => useQuery(policiesQuery(status, q));
