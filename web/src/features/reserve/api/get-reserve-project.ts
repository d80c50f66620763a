import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReserveDetail } from '../../../../../src/contracts/reserve';
import { apiGet } from '../../../lib/api';

export const getReserveProject = (id: number) => apiGet<ReserveDetail>(`/reserve-projects/${id}`);
export const reserveProjectQuery = (id: number) => queryOptions({ queryKey: ['reserve', 'one', id], queryFn: () => getReserveProject(id) });
export const useReserveProject = (id: number) => useQuery(reserveProjectQuery(id));
