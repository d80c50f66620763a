import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SupervisionTaskDetail } from '../../../../../src/contracts/warnings';
import { apiSend } from '../../../lib/api';

export type TaskAction = 'feedback' | 'reject' | 'close' | 'interview';
export const actOnTask = (a: { id: number; action: TaskAction; version: number; content: string }) =>
  apiSend<SupervisionTaskDetail>('POST', `/supervision/tasks/${a.id}/${a.action}`, { version: a.version, content: a.content });
export function useActOnTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: actOnTask,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['supervision'] }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}
