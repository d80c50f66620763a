// GET /revisions — the revision requests, newest first, optionally of one status.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import type { Revision, RevisionStatus } from '../../../../../src/contracts/revisions';

export const getRevisions = (status?: RevisionStatus) => apiGet<{ items: Revision[] }>('/revisions', { status }).then((r) => r.items);

export const revisionsQueryOptions = (status?: RevisionStatus) =>
  queryOptions({ queryKey: ['revisions', 'list', status ?? 'all'], queryFn: () => getRevisions(status) });

export const useRevisions = (status?: RevisionStatus) => useQuery(revisionsQueryOptions(status));
