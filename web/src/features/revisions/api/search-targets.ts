// Looking up what a revision may change: investors (GET /investors?q=) or projects (GET /projects?q=),
// as options { id, label } for the request form.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';

export type RevisionTargetOption = { id: number; label: string };

export const searchTargets = async (entity: 'investor' | 'project', q: string): Promise<RevisionTargetOption[]> => {
  if (entity === 'investor') {
    const r = await apiGet<{ items: { id: number; name: string; originName: string | null }[] }>('/investors', { q, pageSize: 20 });
    return r.items.map((i) => ({ id: i.id, label: `${i.name}${i.originName ? `（${i.originName}）` : ''}` }));
  }
  const r = await apiGet<{ items: { id: number; code: string; name: string; unitName: string | null }[] }>('/projects', {
    q,
    pageSize: 20,
  });
  return r.items.map((p) => ({ id: p.id, label: `${p.code} ${p.name}${p.unitName ? `（${p.unitName}）` : ''}` }));
};

export const revisionTargetsQueryOptions = (entity: 'investor' | 'project', q: string) =>
  queryOptions({ queryKey: ['revisions', 'targets', entity, q], queryFn: () => searchTargets(entity, q) });

export const useRevisionTargets = (entity: 'investor' | 'project', q: string) => useQuery(revisionTargetsQueryOptions(entity, q));
