import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';

export type FundQuality = { items: { entryId: number; flags: { code: string; message: string }[] }[] };
export const getFundQuality = (period: string) => apiGet<FundQuality>('/fund-quality', { period });
export const fundQualityQuery = (period: string) =>
  queryOptions({ queryKey: ['fund-quality', period], queryFn: () => getFundQuality(period) });
export const useFundQuality = (period: string) => useQuery(fundQualityQuery(period));
