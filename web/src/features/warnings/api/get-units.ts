import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Unit } from '../../../../../src/contracts/units';
import { apiGet } from '../../../lib/api';

export const getUnits = () => apiGet<{ items: Unit[] }>('/units');
export const unitsQuery = () => queryOptions({ queryKey: ['units'], queryFn: getUnits });
export const useUnitList = (enabled: boolean) => useQuery({ ...unitsQuery(), enabled });
