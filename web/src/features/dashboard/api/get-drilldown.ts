// GET /stats/drilldown: the projects behind one dispatch figure (their amounts add up to it).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DrilldownDto, DrilldownFigure } from '../../../../../src/contracts/stats.drilldown';
import { apiGet } from '../../../lib/api';

export type DrilldownParams = { figure: DrilldownFigure; period: string | undefined; unit: string | undefined };

export const getDrilldown = (p: DrilldownParams) => apiGet<DrilldownDto>('/stats/drilldown', { ...p, limit: 500 });

export const drilldownQueryOptions = (p: DrilldownParams) =>
  queryOptions({ queryKey: ['dashboard', 'drilldown', p], queryFn: () => getDrilldown(p), enabled: !!p.period });

export const useDrilldown = (p: DrilldownParams | null) =>
  useQuery({ ...drilldownQueryOptions(p ?? { figure: 'fundsYtd', period: undefined, unit: undefined }), enabled: !!p?.period });
