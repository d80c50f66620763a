// Projects that can be credited to an activity: signed ones (合同签约 or later), searched by name or code.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Project } from '../../../../../src/contracts/projects';
import { apiGet } from '../../../lib/api';

export const searchSignedProjects = (q: string) =>
  apiGet<{ items: Project[] }>('/projects', { q, stage: 'contract,started,operating', pageSize: 20 }).then((r) =>
    r.items.map((p) => ({ id: p.id, code: p.code, name: p.name, totalInvestmentYuan: p.totalInvestmentYuan })),
  );
export const signedProjectsQuery = (q: string) =>
  queryOptions({ queryKey: ['activities', 'signed-project-search', q], queryFn: () => searchSignedProjects(q) });
export const useSignedProjectSearch = (q: string) => useQuery(signedProjectsQuery(q));
