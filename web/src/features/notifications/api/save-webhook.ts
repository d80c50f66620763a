import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RobotKind, Webhook, WebhookDelivery } from '../../../../../src/contracts/notifications';
import { apiSend } from '../../../lib/api';

export type WebhookInput = { unitCode: string | null; kind: RobotKind; name: string; url: string; secret?: string | null };
export type WebhookPatch = { id: number; version: number; name?: string; active?: boolean; url?: string; secret?: string | null };
export const createWebhook = (v: WebhookInput) => apiSend<Webhook>('POST', '/webhooks', v);
export const updateWebhook = ({ id, ...v }: WebhookPatch) => apiSend<Webhook>('PATCH', `/webhooks/${id}`, v);
export const deleteWebhook = (id: number) => apiSend<{ ok: true }>('DELETE', `/webhooks/${id}`);
export const testWebhook = (id: number) => apiSend<WebhookDelivery>('POST', `/webhooks/${id}/test`);

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['notifications'] });
}
export const useCreateWebhook = () => {
  const onSuccess = useInvalidate();
  return useMutation({ mutationFn: createWebhook, onSuccess });
};
export const useUpdateWebhook = () => {
  const onSuccess = useInvalidate();
  return useMutation({ mutationFn: updateWebhook, onSuccess });
};
export const useDeleteWebhook = () => {
  const onSuccess = useInvalidate();
  return useMutation({ mutationFn: deleteWebhook, onSuccess });
};
export const useTestWebhook = () => {
  const onSuccess = useInvalidate();
  return useMutation({ mutationFn: testWebhook, onSuccess });
};
