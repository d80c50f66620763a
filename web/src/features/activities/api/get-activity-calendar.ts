import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { calendarItemSchema } from '../../../../../src/contracts/activities';
import { apiGet } from '../../../lib/api';

export type CalendarItem = z.infer<typeof calendarItemSchema>;
export const getActivityCalendar = (from: string, to: string) =>
  apiGet<{ items: CalendarItem[] }>('/activities/calendar', { from, to }).then((r) => r.items);
export const activityCalendarQuery = (from: string, to: string) =>
  queryOptions({ queryKey: ['activities', 'calendar', from, to], queryFn: () => getActivityCalendar(from, to) });
export const useActivityCalendar = (from: string, to: string) => useQuery(activityCalendarQuery(from, to));
