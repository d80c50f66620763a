// Adds or edits a unit; the shared units list reloads.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Unit } from '../../../../../src/contracts/units';
import { apiSend } from '../../../lib/api';
import { sharedKeys } from '../../../shared/api/query-keys';

export type UnitInput = { code: string; name: string; kind: string; sort?: number; active?: boolean };
export const saveUnit = ({ editing, v }: { editing: Unit | 'new'; v: UnitInput }) =>
  editing === 'new'
    ? apiSend<Unit>('POST', '/units', { code: v.code, name: v.name, kind: v.kind, sort: v.sort ?? 0 })
    : apiSend<Unit>('PATCH', `/units/${editing.code}`, {
        name: v.name,
        kind: v.kind,
        sort: v.sort ?? 0,
        active: v.active,
        version: editing.version,
      });
export function useSaveUnit() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: saveUnit, onSuccess: () => qc.invalidateQueries({ queryKey: sharedKeys.units.all }) });
}
