// Moving a project to another unit takes its funds along — except what a locked period already
// counted: those entries keep their unit, so the locked month's figures of both units stay as
// they were read at the dispatch meeting. The projects API, the ledger import and an approved
// revision all move entries through this one function.
import type { Tx } from '../../db/database';

export interface EntriesMoved {
  moved: number;
  keptInLockedPeriods: number;
}

export async function moveProjectEntriesToUnit(tx: Tx, projectId: number, toUnitCode: string): Promise<EntriesMoved> {
  const locked = tx.selectFrom('period_locks').select('period');
  const moved = await tx
    .updateTable('fund_entries')
    .set({ unit_code: toUnitCode })
    .where('project_id', '=', projectId)
    .where('unit_code', '!=', toUnitCode)
    .where('period', 'not in', locked)
    .executeTakeFirst();
  const kept = await tx
    .selectFrom('fund_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('unit_code', '!=', toUnitCode)
    .executeTakeFirstOrThrow();
  return { moved: Number(moved.numUpdatedRows), keptInLockedPeriods: Number(kept.n) };
}
