// Writes of the reserve: create/update (incl. review and cash flows), convert, roll over, answer inquiries.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReserveCreate, ReserveDetail, ReserveUpdate, RolloverList } from '../../../../../src/contracts/reserve';
import type { Inquiry } from '../../../../../src/contracts/public';
import { apiSend } from '../../../lib/api';

export const createReserveProject = (body: ReserveCreate) => apiSend<ReserveDetail>('POST', '/reserve-projects', body);
export const updateReserveProject = (id: number, body: ReserveUpdate) => apiSend<ReserveDetail>('PATCH', `/reserve-projects/${id}`, body);
export const convertReserveProject = (id: number, body: { version: number; stage?: 'lead' | 'negotiating' | 'intent' }) =>
  apiSend<ReserveDetail>('POST', `/reserve-projects/${id}/convert`, body);
export const saveRollover = (year: number, decisions: { id: number; decision: 'carry' | 'retire'; note?: string | null }[]) =>
  apiSend<RolloverList>('POST', '/reserve-projects/rollover', { year, decisions });
export const answerInquiry = (id: number, body: { status: 'answered' | 'closed'; answer?: string | null; version: number }) =>
  apiSend<Inquiry>('PATCH', `/inquiries/${id}`, body);

/** Any write of the reserve feature: run it, then refresh the reserve queries. */
export function useReserveWrite<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['reserve'] }) });
}
