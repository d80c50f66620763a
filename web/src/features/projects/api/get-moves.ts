// A project's stage moves.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import { stageMoveSchema, type StageMove } from '../../../../../src/contracts/projects';

const response = z.object({ items: z.array(stageMoveSchema) });
export async function getMoves(id: number): Promise<StageMove[]> {
  return checked(response, await apiGet(`/projects/${id}/moves`), 'GET /projects/:id/moves').items;
}
export const movesQueryOptions = (id: number) => queryOptions({ queryKey: projectsKeys.of('moves', id), queryFn: () => getMoves(id) });
export function useMoves(id: number) {
  return useQuery(movesQueryOptions(id));
}
