import { queryOptions, useQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api';

type P = { id: number; code: string; name: string; unitCode: string; creditCode: string | null; registeredOn: string | null };
export type LeadConflict = {
  key: string;
  reason: 'credit-code' | 'similar-name';
  detail: string;
  projects: [P, P];
  unitNames: Record<string, string>;
  decision: { leadUnitCode: string; reason: string; decidedBy: string | null; decidedAt: string } | null;
};
export const getLeadConflicts = () => apiGet<{ items: LeadConflict[] }>('/lead-conflicts');
export const leadConflictsQuery = () => queryOptions({ queryKey: ['warnings', 'lead-conflicts'], queryFn: getLeadConflicts });
export const useLeadConflicts = () => useQuery(leadConflictsQuery());

export const decideLead = (b: { key: string; leadUnitCode: string; reason: string }) =>
  apiSend<LeadConflict>('POST', '/lead-conflicts/decide', b);
export function useDecideLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: decideLead,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['warnings'] }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}
