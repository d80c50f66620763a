import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DigestRunResult } from '../../../../../src/contracts/notifications';
import { apiSend } from '../../../lib/api';

export const runDigest = (dryRun: boolean) => apiSend<DigestRunResult>('POST', '/notifications/digest', { dryRun });
export function useRunDigest() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: runDigest, onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }) });
}
