// 设置: 键, 值 — the importable settings (LEDGER_SETTING_KEYS).
import { LEDGER_SETTING_KEYS } from '../../../contracts/ledger';
import { resolveOrigin } from '../../../domain/origin';
import { getSettings } from '../../settings/settings.service';
import { setLargeThreshold } from '../../stats/rollups';
import { readCode, readCount } from '../ledger.cells';
import { readRow } from '../ledger.columns';
import { assertUpdated, type CheckContext, type WriteContext } from '../ledger.plan';

export async function checkSettings(ctx: CheckContext): Promise<void> {
  const { ck, plan } = ctx;
  const sheet = ctx.raw.sheets.get('settings');
  if (!sheet) return;
  const stored = new Map((await ctx.db.selectFrom('settings').select(['key', 'value']).execute()).map((r) => [r.key, r.value]));
  const inForce: Record<string, unknown> = await getSettings(ctx.db);
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    await ctx.tick();
    const st = { bad: false };
    const key = readRow(ck, sheet, r, 'settings', st).键;
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first !== undefined) {
      ck.err(sheet, r.row, '键', `“${key}”与第${first}行重复`);
      continue;
    }
    seen.set(key, r.row);
    if (!(LEDGER_SETTING_KEYS as readonly string[]).includes(key)) {
      ck.err(sheet, r.row, '键', `“${key}”不是可导入的设置（可用：${LEDGER_SETTING_KEYS.join('、')}）`);
      continue;
    }
    let value: unknown;
    if (key === 'homeRegionCode') {
      const code = ck.required(sheet, r, '值', (c) => readCode(c, 16), st, '请填写本市6位行政区划代码，例如 220200');
      if (code === undefined) continue;
      const region = /^\d{6}$/.test(code) ? resolveOrigin(code) : null;
      if (!region || region.kind !== 'region') {
        ck.err(sheet, r.row, '值', `“${code}”不是有效的6位行政区划代码，例如吉林市为 220200`);
        continue;
      }
      value = code;
      ctx.homeRegionCode = code;
    } else {
      const n = ck.required(sheet, r, '值', (c) => readCount(c, '万元整数'), st);
      if (n === undefined) continue;
      value = n;
    }
    const json = JSON.stringify(value);
    plan.settings.rows++;
    const old = stored.get(key);
    if (JSON.stringify(inForce[key]) !== json) plan.settings.changes++;
    if (old === undefined) plan.settings.creates.push({ key, value: json });
    else if (old !== json) {
      plan.settings.updates.push({
        id: 0,
        version: 0,
        before: { key, value: old },
        after: { key, value: json },
        rec: { key, value: json },
      });
    } else plan.settings.unchanged++;
    if (old !== undefined) plan.settings.existing.add(key);
  }
}

export async function applySettings(w: WriteContext): Promise<void> {
  const { tx, plan, now } = w;
  for (const s of plan.settings.creates) {
    await tx.insertInto('settings').values({ key: s.key, value: s.value, updated_at: now }).execute();
    w.audits.push({
      action: 'create',
      entity: 'settings',
      entityId: s.key,
      summary: w.summary('新增设置', s.key),
      after: { [s.key]: JSON.parse(s.value) },
    });
    w.step(1);
    await w.flush();
  }
  for (const s of plan.settings.updates) {
    // Guarded by the value the check read: a setting changed meanwhile makes the import check again.
    assertUpdated(
      await tx
        .updateTable('settings')
        .set({ value: s.rec.value, updated_at: now, version: (eb) => eb('version', '+', 1) })
        .where('key', '=', s.rec.key)
        .where('value', '=', s.before.value ?? '')
        .executeTakeFirst(),
      `setting ${s.rec.key}`,
    );
    w.audits.push({
      action: 'update',
      entity: 'settings',
      entityId: s.rec.key,
      summary: w.summary('修改设置', s.rec.key),
      before: { [s.rec.key]: JSON.parse(s.before.value ?? 'null') },
      after: { [s.rec.key]: JSON.parse(s.rec.value) },
    });
    w.step(1);
    await w.flush();
  }
  // The statistics rollups group funds by "large project": a new threshold rebuilds them (ADR 0003).
  if (plan.settings.creates.length + plan.settings.updates.length > 0) {
    await setLargeThreshold(tx, (await getSettings(tx)).largeProjectThresholdWan * 10000);
  }
}
