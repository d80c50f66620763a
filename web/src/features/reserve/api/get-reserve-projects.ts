import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReserveProject } from '../../../../../src/contracts/reserve';
import { apiGet } from '../../../lib/api';

export type ReserveFilters = Record<string, string | number | undefined>;
type PageOf<T> = { items: T[]; total: number; page: number; pageSize: number };
export const getReserveProjects = (q: ReserveFilters) => apiGet<PageOf<ReserveProject>>('/reserve-projects', q);
export const reserveProjectsQuery = (q: ReserveFilters) =>
  queryOptions({ queryKey: ['reserve', 'list', q], queryFn: () => getReserveProjects(q), placeholderData: (p) => p });
export const useReserveProjects = (q: ReserveFilters) => useQuery(reserveProjectsQuery(q));
