// The city office verifies one entry.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';
import type { FundEntry } from '../../../../../src/contracts/funds';

export const verifyEntry = (id: number) => apiSend<FundEntry>('POST', `/fund-entries/${id}/verify`);
export const useVerify = () => useFundsMutation(verifyEntry);
