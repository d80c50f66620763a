import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SupervisionTaskDetail } from '../../../../../src/contracts/warnings';
import { apiSend } from '../../../lib/api';

export type NewTask = {
  title: string;
  unitCode: string;
  deadline: string;
  assignee?: string | null;
  content?: string | null;
  meetingPeriod?: string;
};
export const createTask = (body: NewTask) => apiSend<SupervisionTaskDetail>('POST', '/supervision/tasks', body);
export function useCreateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createTask,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['supervision'] }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}
