import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Inquiry } from '../../../../../src/contracts/public';
import { apiGet } from '../../../lib/api';

export const getInquiries = (q: { status?: string; overdue?: string }) =>
  apiGet<{ items: Inquiry[] }>('/inquiries', q).then((r) => r.items);
export const inquiriesQuery = (q: { status?: string; overdue?: string }) =>
  queryOptions({ queryKey: ['reserve', 'inquiries', q], queryFn: () => getInquiries(q) });
export const useInquiries = (q: { status?: string; overdue?: string }) => useQuery(inquiriesQuery(q));
