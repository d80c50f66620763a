// GET /forecast: the year-end forecast of the city and each unit (or the user's own unit).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { forecastSchema, type ForecastDto } from '../../../../../src/contracts/forecast';
import { apiGet } from '../../../lib/api';

export type ForecastParams = { asOf?: string | undefined; unit?: string | undefined };

export async function getForecast(p: ForecastParams): Promise<ForecastDto> {
  const data = await apiGet<ForecastDto>('/forecast', p);
  // A wrong shape fails loudly in development and tests, not as a blank page in production.
  return (import.meta as { env?: { DEV?: boolean } }).env?.DEV ? forecastSchema.parse(data) : data;
}

export const forecastQueryOptions = (p: ForecastParams) =>
  queryOptions({ queryKey: ['forecast', 'year-end', p.asOf ?? null, p.unit ?? null] as const, queryFn: () => getForecast(p) });

export const useForecast = (p: ForecastParams) => useQuery(forecastQueryOptions(p));
