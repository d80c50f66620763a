import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api';

export const markNotificationRead = (id: number) => apiSend<{ ok: true }>('POST', `/notifications/${id}/read`);
export const markAllNotificationsRead = () => apiSend<{ updated: number }>('POST', '/notifications/read-all');
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: markNotificationRead, onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications', 'mine'] }) });
}
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications', 'mine'] }),
  });
}
