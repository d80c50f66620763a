// A project's follow-ups, blockers, commitments or approval items.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import {
  approvalItemSchema,
  blockerSchema,
  commitmentSchema,
  followUpSchema,
  type ApprovalItem,
  type Blocker,
  type Commitment,
  type FollowUp,
} from '../../../../../src/contracts/projects';

export type ItemPath = 'follow-ups' | 'blockers' | 'commitments' | 'approval-items';
export type ItemOf<P extends ItemPath> = P extends 'follow-ups'
  ? FollowUp
  : P extends 'blockers'
    ? Blocker
    : P extends 'commitments'
      ? Commitment
      : ApprovalItem;
const schemas = {
  'follow-ups': followUpSchema,
  blockers: blockerSchema,
  commitments: commitmentSchema,
  'approval-items': approvalItemSchema,
} as const;
export async function getItems<P extends ItemPath>(id: number, path: P): Promise<ItemOf<P>[]> {
  const response = z.object({ items: z.array(schemas[path] as unknown as z.ZodType<ItemOf<P>>) });
  return checked(response, await apiGet(`/projects/${id}/${path}`), `GET /projects/:id/${path}`).items;
}
export const itemsQueryOptions = <P extends ItemPath>(id: number, path: P) =>
  queryOptions({ queryKey: projectsKeys.of(path, id), queryFn: () => getItems(id, path) });
export function useItems<P extends ItemPath>(id: number, path: P) {
  return useQuery(itemsQueryOptions(id, path));
}
