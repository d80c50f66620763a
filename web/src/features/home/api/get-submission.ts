// The person's own unit's submission of a period.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { submissionSchema, type Submission } from '../../../../../src/contracts/funds';
import { apiGet, checked } from '../../../lib/api';
import { homeKeys } from './keys';

export async function getSubmission(unitCode: string, period: string): Promise<Submission> {
  return checked(submissionSchema, await apiGet(`/submissions/${unitCode}/${period}`), 'GET /submissions/:unit/:period');
}
export const submissionQueryOptions = (unitCode: string, period: string) =>
  queryOptions({ queryKey: homeKeys.of('submission', unitCode, period), queryFn: () => getSubmission(unitCode, period) });
export function useSubmission(unitCode: string, period: string) {
  return useQuery(submissionQueryOptions(unitCode, period));
}
