// Projects a unit may enter funds for, with their cumulative funds.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';
import { projectOptionSchema, type ProjectOption } from '../../../../../src/contracts/funds';

const response = z.object({ items: z.array(projectOptionSchema) });
export async function getProjectOptions(unitCode: string | undefined): Promise<ProjectOption[]> {
  return checked(response, await apiGet('/fund-entries/project-options', { unitCode }), 'GET /fund-entries/project-options').items;
}
export const projectOptionsQueryOptions = (unitCode: string | undefined) =>
  queryOptions({ queryKey: fundsKeys.of('project-options', unitCode), queryFn: () => getProjectOptions(unitCode) });
export function useProjectOptions(unitCode: string | undefined) {
  return useQuery(projectOptionsQueryOptions(unitCode));
}
