import { useQuery } from '@tanstack/react-query';
import type { BreakdownDto, DispatchStatsDto, MonthlyDto } from '../../../../src/contracts/stats';
import type { Unit } from '../../../../src/contracts/units';
import { apiGet } from '../../lib/api';

export type Scope = { period: string | undefined; unit: string | undefined };

export const useLatestPeriod = () =>
  useQuery({ queryKey: ['stats', 'latest'], queryFn: () => apiGet<{ period: string; hasData: boolean }>('/stats/latest-period') });
export const useDispatch = (s: Scope) =>
  useQuery({ queryKey: ['stats', 'dispatch', s], queryFn: () => apiGet<DispatchStatsDto>('/stats/dispatch', s), enabled: !!s.period });
export const useMonthly = (s: Scope) =>
  useQuery({ queryKey: ['stats', 'monthly', s], queryFn: () => apiGet<MonthlyDto>('/stats/monthly', s), enabled: !!s.period });
export const useBreakdown = (s: Scope) =>
  useQuery({ queryKey: ['stats', 'breakdown', s], queryFn: () => apiGet<BreakdownDto>('/stats/breakdown', s), enabled: !!s.period });
export const useUnits = (enabled: boolean) =>
  useQuery({ queryKey: ['units'], queryFn: () => apiGet<{ items: Unit[] }>('/units'), enabled });
