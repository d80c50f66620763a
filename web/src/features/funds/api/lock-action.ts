// Locks or unlocks a period. Locking a month with unfinished work needs acknowledgeUnfinished:
// without it the server answers 409 with the checklist (see get-lock-checklist.ts).
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';
import type { PeriodLock } from '../../../../../src/contracts/funds';

export type LockAction = { period: string; action: 'lock' | 'unlock'; text?: string; acknowledgeUnfinished?: boolean };
export const lockAction = (a: LockAction) =>
  apiSend<PeriodLock>(
    'POST',
    `/periods/${a.period}/${a.action}`,
    a.action === 'unlock'
      ? { reason: a.text }
      : { note: a.text || null, ...(a.acknowledgeUnfinished ? { acknowledgeUnfinished: true } : {}) },
  );
export const useLockAction = () => useFundsMutation(lockAction);
