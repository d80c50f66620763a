import type { Tx } from '../../db/database';
import { settingsSchema, settingsPatchSchema, type Settings } from '../../contracts/settings';
import { AppError } from '../../domain/errors';
import { audit, nowIso } from '../audit/audit.service';
import type { Actor } from '../auth/actor';

export async function getSettings(db: Tx): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const raw: Record<string, unknown> = {};
  for (const r of rows) {
    try {
      raw[r.key] = JSON.parse(r.value);
    } catch {
      /* a bad stored value falls back to its default */
    }
  }
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Keep what is valid, default the rest.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const one = settingsSchema.shape[k as keyof Settings]?.safeParse(v);
    if (one?.success) out[k] = one.data;
  }
  return settingsSchema.parse(out);
}

export async function updateSettings(tx: Tx, actor: Actor, patch: Partial<Settings>): Promise<Settings> {
  const p = settingsPatchSchema.safeParse(patch);
  if (!p.success) {
    const fields: Record<string, string> = {};
    for (const i of p.error.issues) fields[i.path.join('.')] = i.message;
    throw new AppError('validation', '设置有误，请按提示修改', fields);
  }
  const before = await getSettings(tx);
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p.data)) {
    if (v === undefined || JSON.stringify(before[k as keyof Settings]) === JSON.stringify(v)) continue;
    changed[k] = v;
    const value = JSON.stringify(v);
    const exists = await tx.selectFrom('settings').select('key').where('key', '=', k).executeTakeFirst();
    if (exists)
      await tx
        .updateTable('settings')
        .set({ value, updated_at: nowIso(), version: (eb) => eb('version', '+', 1) })
        .where('key', '=', k)
        .execute();
    else await tx.insertInto('settings').values({ key: k, value, updated_at: nowIso() }).execute();
  }
  if (Object.keys(changed).length) {
    const beforeChanged = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof Settings]]));
    await audit(tx, actor, {
      action: 'update',
      entity: 'settings',
      summary: Object.keys(changed).join(', '),
      before: beforeChanged,
      after: changed,
    });
  }
  const after = await getSettings(tx);
  // Origin scopes and statistics rollups follow (settings.effects.ts); callers that change settings
  // use updateSettingsAndRebuild or applySettingsEffects from there.
  return after;
}
