// A project's attachments.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { projectsKeys } from './keys';
import { attachmentSchema, type Attachment } from '../../../../../src/contracts/projects';

const response = z.object({ items: z.array(attachmentSchema) });
export async function getAttachments(id: number): Promise<Attachment[]> {
  return checked(response, await apiGet(`/projects/${id}/attachments`), 'GET /projects/:id/attachments').items;
}
export const attachmentsQueryOptions = (id: number) =>
  queryOptions({ queryKey: projectsKeys.of('attachments', id), queryFn: () => getAttachments(id) });
export function useAttachments(id: number) {
  return useQuery(attachmentsQueryOptions(id));
}
