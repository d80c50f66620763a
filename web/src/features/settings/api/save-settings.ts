// Saves the settings; the shared settings query takes the server's answer.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../../../src/contracts/settings';
import { apiSend } from '../../../lib/api';
import { settingsQueryOptions } from '../../../shared/api/settings';

export const saveSettings = (v: Partial<Settings>) => apiSend<Settings>('PATCH', '/settings', v);
export function useSaveSettings(on: { onSuccess?: (s: Settings) => void; onError?: (e: Error) => void } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: saveSettings,
    onError: on.onError,
    onSuccess: (s) => {
      qc.setQueryData(settingsQueryOptions().queryKey, s);
      on.onSuccess?.(s);
    },
  });
}
