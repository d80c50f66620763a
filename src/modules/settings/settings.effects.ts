// The side effects of a settings change, in one place whatever the path (API, CLI, ledger import).
// Kept apart from settings.service.ts because investors and statistics read the settings too.
import type { Db, Tx } from '../../db/database';
import type { Settings } from '../../contracts/settings';
import type { Actor } from '../auth/actor';
import { recomputeOriginScopes } from '../investors/investors.service';
import { markRollupsStale } from '../stats/rollups';
import { rebuildRollupsInBackground } from '../stats/rollups.job';
import { getSettings, updateSettings } from './settings.service';

/**
 * What a settings change sets off, wherever it comes from (API, CLI, ledger import): origin scopes
 * are relative to the home city, and the statistics rollups group funds by "large project". Both
 * are cheap here — scopes are re-derived with the rollup triggers suspended and the rollups are
 * marked stale (the statistics aggregate entries directly meanwhile, `source: 'entries'`); the
 * rebuild runs after the transaction (updateSettingsAndRebuild, or the scheduled job).
 * Returns whether the rollups now need a rebuild.
 */
export async function applySettingsEffects(tx: Tx, before: Settings, after: Settings): Promise<boolean> {
  const threshold = after.largeProjectThresholdWan * 10000;
  let stale = false;
  if (after.homeRegionCode !== before.homeRegionCode) {
    await tx.updateTable('stats_params').set({ suspended: 1 }).where('id', '=', 1).execute();
    await recomputeOriginScopes(tx, after.homeRegionCode);
    await tx.updateTable('stats_params').set({ suspended: 0 }).where('id', '=', 1).execute();
    stale = true;
  }
  if (after.largeProjectThresholdWan !== before.largeProjectThresholdWan) stale = true;
  if (stale) await markRollupsStale(tx, threshold);
  return stale;
}

/** Changes settings in one transaction, then starts the rollup rebuild it needs outside of it. */
export async function updateSettingsAndRebuild(db: Db, actor: Actor, patch: Partial<Settings>): Promise<Settings> {
  const { after, stale } = await db.transaction().execute(async (tx) => {
    const before = await getSettings(tx);
    const changed = await updateSettings(tx, actor, patch);
    return { after: changed, stale: await applySettingsEffects(tx, before, changed) };
  });
  if (stale) void rebuildRollupsInBackground(db);
  return after;
}
