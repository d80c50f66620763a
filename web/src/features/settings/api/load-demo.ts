// Loads the demo data set (admin); every query reloads afterwards.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api';

export type DemoResult = { units: number; projects: number; fundEntries: number; users: { username: string; password: string }[] };
export const loadDemo = () => apiSend<DemoResult>('POST', '/demo/load', {});
export function useLoadDemo(on: { onSuccess?: (r: DemoResult) => void; onError?: (e: Error) => void } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: loadDemo,
    onError: on.onError,
    onSuccess: (r) => {
      void qc.invalidateQueries();
      on.onSuccess?.(r);
    },
  });
}
