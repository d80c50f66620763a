import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { warningListSchema } from '../../../../../src/contracts/warnings';
import { apiGet } from '../../../lib/api';

export type WarningList = z.infer<typeof warningListSchema>;
export type WarningFilter = {
  status: 'open' | 'cleared';
  unit?: string | undefined;
  rule?: string | undefined;
  level?: string | undefined;
};

export const getWarnings = (f: WarningFilter) => apiGet<WarningList>('/warnings', f);
export const warningsQuery = (f: WarningFilter) => queryOptions({ queryKey: ['warnings', 'list', f], queryFn: () => getWarnings(f) });
export const useWarnings = (f: WarningFilter) => useQuery(warningsQuery(f));
