import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NotificationList } from '../../../../../src/contracts/notifications';
import { apiGet } from '../../../lib/api';

export const getNotifications = () => apiGet<NotificationList>('/notifications');
// Polled so the bell follows new warnings and supervision steps without a reload.
export const notificationsQuery = () =>
  queryOptions({ queryKey: ['notifications', 'mine'], queryFn: getNotifications, refetchInterval: 2 * 60_000 });
export const useNotifications = () => useQuery(notificationsQuery());
