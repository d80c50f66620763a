import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { warningRunResultSchema } from '../../../../../src/contracts/warnings';
import { apiSend } from '../../../lib/api';

export type WarningRunResult = z.infer<typeof warningRunResultSchema>;
export const runWarnings = () => apiSend<WarningRunResult>('POST', '/warnings/run', {});
export function useRunWarnings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: runWarnings,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['warnings'] }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}
