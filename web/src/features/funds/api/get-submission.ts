// One unit's monthly submission.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';
import { submissionSchema, type Submission } from '../../../../../src/contracts/funds';

export async function getSubmission(unitCode: string, period: string): Promise<Submission> {
  return checked(submissionSchema, await apiGet(`/submissions/${unitCode}/${period}`), 'GET /submissions/:unit/:period');
}
export const submissionQueryOptions = (unitCode: string | undefined, period: string) =>
  queryOptions({
    queryKey: fundsKeys.of('submission', unitCode, period),
    queryFn: () => getSubmission(unitCode!, period),
    enabled: !!unitCode,
  });
export function useSubmission(unitCode: string | undefined, period: string) {
  return useQuery(submissionQueryOptions(unitCode, period));
}
