// The city office returns one entry with a reason.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';
import type { FundEntry } from '../../../../../src/contracts/funds';

export const returnEntry = (a: { id: number; reason: string }) =>
  apiSend<FundEntry>('POST', `/fund-entries/${a.id}/return`, { reason: a.reason });
export const useReturnEntry = () => useFundsMutation(returnEntry);
