// Writes of targets and their splits. They are composed by the edit dialog (several per save), so
// they are plain fetchers; the caller invalidates targetsKeys.all afterwards.
import { apiSend } from '../../../lib/api';
import type { TargetIndicatorCode } from '../../../../../src/contracts/targets';

export const createTarget = (b: {
  year: number;
  unitCode: string;
  indicator: TargetIndicatorCode;
  baseValue: number;
  stretchValue: number | null;
}) => apiSend('POST', '/targets', b);
export const updateTarget = (id: number, b: { baseValue: number; stretchValue: number | null; version: number }) =>
  apiSend('PATCH', `/targets/${id}`, b);
export const deleteTarget = (id: number, version: number) => apiSend('DELETE', `/targets/${id}?version=${version}`);
export const createSplit = (targetId: number, b: { assignee: string; baseValue: number }) =>
  apiSend('POST', `/targets/${targetId}/splits`, b);
export const deleteSplit = (id: number, version: number) => apiSend('DELETE', `/target-splits/${id}?version=${version}`);
