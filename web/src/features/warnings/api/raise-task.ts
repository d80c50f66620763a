import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SupervisionTaskDetail } from '../../../../../src/contracts/warnings';
import { apiSend } from '../../../lib/api';

export type RaiseTask = { title: string; deadline: string; warningId: number; assignee?: string | null; content?: string | null };
/** Raises a supervision task (督办) from a warning. */
export const raiseTask = (body: RaiseTask) => apiSend<SupervisionTaskDetail>('POST', '/supervision/tasks', body);
export function useRaiseTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: raiseTask,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['warnings'] }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}
