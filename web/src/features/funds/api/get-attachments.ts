// A fund entry's evidence files.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';
import { attachmentSchema, type Attachment } from '../../../../../src/contracts/funds';

const response = z.object({ items: z.array(attachmentSchema) });
export async function getAttachments(entryId: number): Promise<Attachment[]> {
  return checked(response, await apiGet(`/fund-entries/${entryId}/attachments`), 'GET /fund-entries/:id/attachments').items;
}
export const attachmentsQueryOptions = (entryId: number | null) =>
  queryOptions({ queryKey: fundsKeys.of('attachments', entryId), queryFn: () => getAttachments(entryId!), enabled: entryId !== null });
export function useAttachments(entryId: number | null) {
  return useQuery(attachmentsQueryOptions(entryId));
}
