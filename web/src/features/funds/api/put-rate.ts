// Sets a month's exchange rate.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';
import type { ExchangeRate } from '../../../../../src/contracts/funds';

export const putRate = (a: { period: string; cnyPerUsdE4: number; version?: number }) => apiSend<ExchangeRate>('PUT', '/exchange-rates', a);
export const usePutRate = () => useFundsMutation(putRate);
