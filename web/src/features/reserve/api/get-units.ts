import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Unit } from '../../../../../src/contracts/units';
import { apiGet } from '../../../lib/api';

export const getUnits = () => apiGet<{ items: Unit[] }>('/units').then((r) => r.items);
export const reserveUnitsQuery = () => queryOptions({ queryKey: ['reserve', 'units'], queryFn: getUnits, staleTime: 60_000 });
export const useReserveUnits = () => useQuery(reserveUnitsQuery());
