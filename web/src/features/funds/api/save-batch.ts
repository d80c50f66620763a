// Saves the grid's rows at once.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';
import type { FundEntry, FundEntryBatch } from '../../../../../src/contracts/funds';

export type BatchResult = { items: { row: number; entry: FundEntry; warnings: string[]; created: boolean }[] };
export const saveBatch = (b: FundEntryBatch) => apiSend<BatchResult>('POST', '/fund-entries/batch', b);
export const useSaveBatch = () => useFundsMutation(saveBatch);
