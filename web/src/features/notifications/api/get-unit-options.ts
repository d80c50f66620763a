import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';

type UnitOption = { code: string; name: string; kind: string; active: boolean };
export const getUnitOptions = () => apiGet<{ items: UnitOption[] }>('/units');
export const unitOptionsQuery = () => queryOptions({ queryKey: ['notifications', 'unit-options'], queryFn: getUnitOptions });
export const useUnitOptions = () => useQuery(unitOptionsQuery());
