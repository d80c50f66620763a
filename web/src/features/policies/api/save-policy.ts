import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Policy } from '../../../../../src/contracts/policies';
import { apiSend } from '../../../lib/api';

export type PolicyForm = {
  docNumber: string;
  title: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  reviewDue: string | null;
  summary: string | null;
  projectIds: number[];
};
export const savePolicy = (p: { id?: number; version?: number; body: PolicyForm }) =>
  p.id ? apiSend<Policy>('PATCH', `/policies/${p.id}`, { ...p.body, version: p.version }) : apiSend<Policy>('POST', '/policies', p.body);
export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: savePolicy, onSuccess: () => qc.invalidateQueries({ queryKey: ['policies'] }) });
}
