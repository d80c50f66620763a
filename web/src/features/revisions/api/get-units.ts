// GET /units — the units a project may be moved to, as options for the request form.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';

export type RevisionUnitOption = { code: string; name: string };

export const getRevisionUnits = () =>
  apiGet<{ items: { code: string; name: string; kind: string; active: boolean }[] }>('/units').then((r) =>
    r.items.filter((u) => u.kind !== 'city' && u.active).map((u) => ({ code: u.code, name: u.name })),
  );

export const revisionUnitsQueryOptions = () => queryOptions({ queryKey: ['revisions', 'units'], queryFn: getRevisionUnits });

export const useRevisionUnits = () => useQuery(revisionUnitsQueryOptions());
