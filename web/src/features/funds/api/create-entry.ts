// Adds one fund entry.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';
import type { FundEntryCreate, FundEntryResult } from '../../../../../src/contracts/funds';

export const createEntry = (b: FundEntryCreate) => apiSend<FundEntryResult>('POST', '/fund-entries', b);
export const useCreateEntry = () => useFundsMutation(createEntry);
