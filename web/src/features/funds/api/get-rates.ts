// The monthly USD exchange rates.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';
import { exchangeRateSchema, type ExchangeRate } from '../../../../../src/contracts/funds';

const response = z.object({ items: z.array(exchangeRateSchema) });
export async function getRates(): Promise<ExchangeRate[]> {
  return checked(response, await apiGet('/exchange-rates'), 'GET /exchange-rates').items;
}
export const ratesQueryOptions = () => queryOptions({ queryKey: fundsKeys.of('rates'), queryFn: getRates });
export function useRates() {
  return useQuery(ratesQueryOptions());
}
