// Submits, approves or returns a unit's month.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';
import type { Submission } from '../../../../../src/contracts/funds';

export type SubmissionAction = { unitCode: string; period: string; action: 'submit' | 'approve' | 'return'; reason?: string };
export const submissionAction = (a: SubmissionAction) =>
  apiSend<Submission>(
    'POST',
    `/submissions/${a.unitCode}/${a.period}/${a.action}`,
    a.action === 'return' ? { reason: a.reason } : undefined,
  );
export const useSubmissionAction = () => useFundsMutation(submissionAction);
