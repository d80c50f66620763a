// POST /revisions/:id/approve | reject — applying refreezes the affected locked periods.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api';
import type { Revision } from '../../../../../src/contracts/revisions';

export type RevisionDecision = { id: number; decision: 'approve' | 'reject'; version: number; note?: string | undefined };

export const decideRevision = ({ id, decision, version, note }: RevisionDecision) =>
  apiSend<Revision>('POST', `/revisions/${id}/${decision}`, { version, note: note || null });

export const useDecideRevision = () => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: decideRevision, onSettled: () => qc.invalidateQueries({ queryKey: ['revisions'] }) });
};
