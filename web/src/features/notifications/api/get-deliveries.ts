import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Webhook, WebhookDelivery } from '../../../../../src/contracts/notifications';
import { apiGet } from '../../../lib/api';

export const getDeliveries = (id: number) => apiGet<{ webhook: Webhook; items: WebhookDelivery[] }>(`/webhooks/${id}/deliveries`);
export const deliveriesQuery = (id: number) =>
  queryOptions({ queryKey: ['notifications', 'deliveries', id], queryFn: () => getDeliveries(id) });
export const useDeliveries = (id: number) => useQuery(deliveriesQuery(id));
