// Every unit's monthly submission of a period (the city office's status board).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { submissionSchema, type Submission } from '../../../../../src/contracts/funds';
import { apiGet, checked } from '../../../lib/api';
import { homeKeys } from './keys';

const response = z.object({ items: z.array(submissionSchema) });
export async function getSubmissions(period: string): Promise<Submission[]> {
  return checked(response, await apiGet('/submissions', { period }), 'GET /submissions').items;
}
export const submissionsQueryOptions = (period: string) =>
  queryOptions({ queryKey: homeKeys.of('submissions', period), queryFn: () => getSubmissions(period) });
export function useSubmissions(period: string) {
  return useQuery(submissionsQueryOptions(period));
}
