import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReviewCampaign } from '../../../../../src/contracts/policies';
import { apiSend } from '../../../lib/api';

export type Decision = { id: number; campaign: string; decision: 'keep' | 'revise' | 'abolish'; reason: string };
export const decidePolicy = (d: Decision) =>
  apiSend<ReviewCampaign>('POST', `/policies/${d.id}/review`, { campaign: d.campaign, decision: d.decision, reason: d.reason });
export function useDecidePolicy() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: decidePolicy, onSuccess: () => qc.invalidateQueries({ queryKey: ['policies'] }) });
}
