import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, checked } from '../../../lib/api';
import { assessmentSchema, type AssessmentDto } from '../../../../../src/contracts/assessment';
import { assessmentKeys } from './keys';

// The assessment scores of the units for a period.
export async function getAssessment(period: string | undefined): Promise<AssessmentDto> {
  return checked(assessmentSchema, await apiGet('/assessment', { period }), 'GET /assessment') as AssessmentDto;
}
export const assessmentQueryOptions = (period: string | undefined) =>
  queryOptions({ queryKey: assessmentKeys.of('scores', period), queryFn: () => getAssessment(period) });
export function useAssessment(period: string | undefined) {
  return useQuery(assessmentQueryOptions(period));
}
