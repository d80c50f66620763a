// POST /revisions — the city office proposes a change that would alter locked months.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api';
import type { Revision, RevisionCreate } from '../../../../../src/contracts/revisions';

export const createRevision = (body: RevisionCreate) => apiSend<Revision>('POST', '/revisions', body);

export const useCreateRevision = () => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createRevision, onSettled: () => qc.invalidateQueries({ queryKey: ['revisions'] }) });
};
