// The city office verifies several entries.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';

export const verifyBulk = (ids: number[]) =>
  apiSend<{ verified: number[]; skipped: { id: number; reason: string }[] }>('POST', '/fund-entries/verify-bulk', { ids });
export const useVerifyBulk = () => useFundsMutation(verifyBulk);
