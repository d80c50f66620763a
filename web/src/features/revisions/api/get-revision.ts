// GET /revisions/:id — one revision with its figures before → after once approved.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import type { Revision } from '../../../../../src/contracts/revisions';

export const getRevision = (id: number) => apiGet<Revision>(`/revisions/${id}`);

export const revisionQueryOptions = (id: number) => queryOptions({ queryKey: ['revisions', 'detail', id], queryFn: () => getRevision(id) });

export const useRevision = (id: number | null) => useQuery({ ...revisionQueryOptions(id ?? 0), enabled: id !== null });
