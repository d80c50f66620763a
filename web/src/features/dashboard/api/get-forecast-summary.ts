// The dashboard's forecast card reads GET /forecast for the dashboard's period and scope.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { forecastSchema, type ForecastDto } from '../../../../../src/contracts/forecast';
import { apiGet } from '../../../lib/api';

export async function getForecastSummary(asOf: string | undefined, unit: string | undefined): Promise<ForecastDto> {
  const data = await apiGet<ForecastDto>('/forecast', { asOf, unit });
  return (import.meta as { env?: { DEV?: boolean } }).env?.DEV ? forecastSchema.parse(data) : data;
}

// Same URL as the forecast page, same shape: the key is shared on purpose (one cache entry).
export const forecastSummaryQueryOptions = (asOf: string | undefined, unit: string | undefined) =>
  queryOptions({ queryKey: ['forecast', 'year-end', asOf ?? null, unit ?? null] as const, queryFn: () => getForecastSummary(asOf, unit) });

export const useForecastSummary = (asOf: string | undefined, unit: string | undefined) =>
  useQuery({ ...forecastSummaryQueryOptions(asOf, unit), enabled: Boolean(asOf) });
