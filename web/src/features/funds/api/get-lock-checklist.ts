// What is unfinished in a period before it is locked: units not submitted, submissions waiting
// for approval, entries waiting for verification (with amounts).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { lockChecklistSchema, type LockChecklist } from '../../../../../src/contracts/lock-checklist';
import { apiGet, checked } from '../../../lib/api';
import { fundsKeys } from './keys';

export async function getLockChecklist(period: string): Promise<LockChecklist> {
  return checked(lockChecklistSchema, await apiGet(`/periods/${period}/lock-checklist`), 'GET /periods/:period/lock-checklist');
}
export const lockChecklistQueryOptions = (period: string, enabled: boolean) =>
  queryOptions({ queryKey: fundsKeys.of('lock-checklist', period), queryFn: () => getLockChecklist(period), enabled });
export function useLockChecklist(period: string, enabled: boolean) {
  return useQuery(lockChecklistQueryOptions(period, enabled));
}
