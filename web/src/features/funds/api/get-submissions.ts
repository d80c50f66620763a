// Every unit's submission status of a period.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';
import { submissionSchema, type Submission } from '../../../../../src/contracts/funds';

const response = z.object({ items: z.array(submissionSchema) });
export async function getSubmissions(period: string): Promise<Submission[]> {
  return checked(response, await apiGet('/submissions', { period }), 'GET /submissions').items;
}
export const submissionsQueryOptions = (period: string) =>
  queryOptions({ queryKey: fundsKeys.of('submissions', period), queryFn: () => getSubmissions(period) });
export function useSubmissions(period: string) {
  return useQuery(submissionsQueryOptions(period));
}
