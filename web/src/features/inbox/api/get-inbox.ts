import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Inbox } from '../../../../../src/contracts/warnings';
import { apiGet } from '../../../lib/api';

export const getInbox = () => apiGet<Inbox>('/inbox');
// Refreshed every few minutes so the header count follows the day's work.
export const inboxQuery = () => queryOptions({ queryKey: ['inbox'], queryFn: getInbox, refetchInterval: 5 * 60_000 });
export const useInbox = () => useQuery(inboxQuery());
