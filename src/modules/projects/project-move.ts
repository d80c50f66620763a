// Moving a project to another unit moves its fund entries: fund_entries.unit_code is the owning unit,
// kept for statistics. One rule for every door (the projects API and the ledger import).
import type { Tx } from '../../db/database';

/** Moves the project's fund entries to `toUnitCode` (call after updating projects.unit_code). */
export async function moveProjectEntriesToUnit(tx: Tx, projectId: number, toUnitCode: string): Promise<void> {
  await tx.updateTable('fund_entries').set({ unit_code: toUnitCode }).where('project_id', '=', projectId).execute();
}
