import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WarningSummary } from '../../../../../src/contracts/warnings';
import { apiGet } from '../../../lib/api';

export const getWarningSummary = () => apiGet<WarningSummary>('/warnings/summary');
export const warningSummaryQuery = () => queryOptions({ queryKey: ['dashboard', 'warning-summary'], queryFn: getWarningSummary });
export const useWarningSummary = () => useQuery(warningSummaryQuery());
