import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RolloverList } from '../../../../../src/contracts/reserve';
import { apiGet } from '../../../lib/api';

export const getRollover = (year: number) => apiGet<RolloverList>('/reserve-projects/rollover', { year });
export const rolloverQuery = (year: number) => queryOptions({ queryKey: ['reserve', 'rollover', year], queryFn: () => getRollover(year) });
export const useRollover = (year: number) => useQuery(rolloverQuery(year));
