import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Webhook } from '../../../../../src/contracts/notifications';
import { apiGet } from '../../../lib/api';

export const getWebhooks = () => apiGet<{ items: Webhook[] }>('/webhooks');
export const webhooksQuery = () => queryOptions({ queryKey: ['notifications', 'webhooks'], queryFn: getWebhooks });
export const useWebhooks = () => useQuery(webhooksQuery());
