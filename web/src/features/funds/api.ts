// Server calls of the funds feature, one hook each; every write invalidates the funds queries.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, apiUpload } from '../../lib/api';
import type {
  Attachment, ExchangeRate, FundEntry, FundEntryBatch, FundEntryCreate, FundEntryResult, FundEntryStatus, PeriodLock,
  ProjectOption, Submission,
} from '../../../../src/contracts/funds';
import type { Unit } from '../../../../src/contracts/units';

const KEY = 'funds';

export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => apiGet<{ items: Unit[] }>('/units').then((r) => r.items) });
}
export function useEntries(q: { unitCode?: string | undefined; period?: string | undefined; status?: FundEntryStatus | undefined }, enabled = true) {
  return useQuery({ queryKey: [KEY, 'entries', q], enabled, queryFn: () => apiGet<{ items: FundEntry[] }>('/fund-entries', q).then((r) => r.items) });
}
export function useProjectOptions(unitCode: string | undefined) {
  return useQuery({ queryKey: [KEY, 'projects', unitCode], queryFn: () => apiGet<{ items: ProjectOption[] }>('/fund-entries/project-options', { unitCode }).then((r) => r.items) });
}
export function useSubmission(unitCode: string | undefined, period: string) {
  return useQuery({ queryKey: [KEY, 'submission', unitCode, period], enabled: !!unitCode, queryFn: () => apiGet<Submission>(`/submissions/${unitCode}/${period}`) });
}
export function useSubmissions(period: string) {
  return useQuery({ queryKey: [KEY, 'submissions', period], queryFn: () => apiGet<{ items: Submission[] }>('/submissions', { period }).then((r) => r.items) });
}
export function useLock(period: string) {
  return useQuery({ queryKey: [KEY, 'lock', period], queryFn: () => apiGet<PeriodLock>(`/periods/${period}/lock`) });
}
export function useLocks() {
  return useQuery({ queryKey: [KEY, 'locks'], queryFn: () => apiGet<{ items: { period: string }[] }>('/periods/locks').then((r) => r.items) });
}
export function useRates() {
  return useQuery({ queryKey: [KEY, 'rates'], queryFn: () => apiGet<{ items: ExchangeRate[] }>('/exchange-rates').then((r) => r.items) });
}
export function useAttachments(entryId: number | null) {
  return useQuery({ queryKey: [KEY, 'attachments', entryId], enabled: entryId !== null, queryFn: () => apiGet<{ items: Attachment[] }>(`/fund-entries/${entryId}/attachments`).then((r) => r.items) });
}

function useFundsMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: [KEY] }) });
}

export const useSaveBatch = () => useFundsMutation((b: FundEntryBatch) =>
  apiSend<{ items: { row: number; entry: FundEntry; warnings: string[]; created: boolean }[] }>('POST', '/fund-entries/batch', b));
export const useCreateEntry = () => useFundsMutation((b: FundEntryCreate) => apiSend<FundEntryResult>('POST', '/fund-entries', b));
export const useDeleteEntry = () => useFundsMutation((id: number) => apiSend('DELETE', `/fund-entries/${id}`));
export const useSubmissionAction = () => useFundsMutation((a: { unitCode: string; period: string; action: 'submit' | 'approve' | 'return'; reason?: string }) =>
  apiSend<Submission>('POST', `/submissions/${a.unitCode}/${a.period}/${a.action}`, a.action === 'return' ? { reason: a.reason } : undefined));
export const useVerify = () => useFundsMutation((id: number) => apiSend<FundEntry>('POST', `/fund-entries/${id}/verify`));
export const useVerifyBulk = () => useFundsMutation((ids: number[]) => apiSend<{ verified: number[]; skipped: { id: number; reason: string }[] }>('POST', '/fund-entries/verify-bulk', { ids }));
export const useReturnEntry = () => useFundsMutation((a: { id: number; reason: string }) => apiSend<FundEntry>('POST', `/fund-entries/${a.id}/return`, { reason: a.reason }));
export const useLockAction = () => useFundsMutation((a: { period: string; action: 'lock' | 'unlock'; text?: string }) =>
  apiSend<PeriodLock>('POST', `/periods/${a.period}/${a.action}`, a.action === 'unlock' ? { reason: a.text } : { note: a.text || null }));
export const usePutRate = () => useFundsMutation((a: { period: string; cnyPerUsdE4: number; version?: number }) => apiSend<ExchangeRate>('PUT', '/exchange-rates', a));
export const useUpload = () => useFundsMutation((a: { entryId: number; file: File }) => {
  const form = new FormData();
  form.append('file', a.file);
  return apiUpload<Attachment>(`/fund-entries/${a.entryId}/attachments`, form);
});
export const useDeleteAttachment = () => useFundsMutation((a: { entryId: number; id: number }) => apiSend('DELETE', `/fund-entries/${a.entryId}/attachments/${a.id}`));
