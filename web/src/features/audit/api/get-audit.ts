import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { auditKeys } from './keys';

// A page of the audit log, newest first.
const row = z
  .object({
    id: z.number(),
    at: z.string(),
    actorName: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    unitCode: z.string().nullable(),
    summary: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .passthrough();
const response = z.object({ items: z.array(row), total: z.number() }).passthrough();
export type AuditRow = z.infer<typeof row>;
export type AuditFilter = { entity?: string; action?: string; actor?: string; from?: string; to?: string };

export async function getAudit(page: number, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  return checked(response, await apiGet('/audit', { page, pageSize: 30, ...f }), 'GET /audit');
}
export const auditQueryOptions = (page: number, f: AuditFilter) =>
  queryOptions({ queryKey: auditKeys.of('list', page, f), queryFn: () => getAudit(page, f), placeholderData: keepPreviousData });
export function useAudit(page: number, f: AuditFilter) {
  return useQuery(auditQueryOptions(page, f));
}
