// The person's saved project filters.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import { savedFilterSchema, type SavedFilter } from '../../../../../src/contracts/projects';

const response = z.object({ items: z.array(savedFilterSchema) });
export async function getSavedFilters(): Promise<SavedFilter[]> {
  return checked(response, await apiGet('/saved-filters', { scope: 'projects' }), 'GET /saved-filters').items;
}
export const savedFiltersQueryOptions = () => queryOptions({ queryKey: projectsKeys.of('saved-filters'), queryFn: getSavedFilters });
export function useSavedFilters() {
  return useQuery(savedFiltersQueryOptions());
}
