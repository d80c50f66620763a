// 目标: 年度, 单位代码, 指标, 确保, 力争 — amounts in the indicator's unit (万元 / 万美元 / 个).
import { TARGET_INDICATOR_LABELS, TARGET_INDICATOR_UNITS, targetIndicatorFromLabel, type TargetIndicator } from '../../../domain/labels';
import { readCount, readWan } from '../ledger.cells';
import { choices, readRow } from '../ledger.columns';
import type { Cell } from '../ledger.read';
import { assertUpdated, changed, checkUnitCode, pick, type CheckContext, type TargetRec, type WriteContext } from '../ledger.plan';

export async function checkTargets(ctx: CheckContext): Promise<void> {
  const { ck, plan } = ctx;
  const sheet = ctx.raw.sheets.get('targets');
  if (!sheet) return;
  const existing = new Map(
    (
      await ctx.db
        .selectFrom('targets')
        .select(['id', 'version', 'year', 'unit_code', 'indicator', 'base_value', 'stretch_value'])
        .execute()
    ).map((t) => [`${t.year}|${t.unit_code}|${t.indicator}`, t]),
  );
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    await ctx.tick();
    const st = { bad: false };
    const v = readRow(ck, sheet, r, 'targets', st);
    const year = v.年度;
    const unit = v.单位代码;
    const indText = v.指标;
    if (year !== undefined && (year < 2000 || year > 2100)) {
      ck.err(sheet, r.row, '年度', `“${year}”不是有效年度，例如 2026`);
      st.bad = true;
    }
    if (unit !== undefined) checkUnitCode(ctx, sheet, r, '单位代码', unit, st);
    let ind: TargetIndicator | null = null;
    if (indText !== undefined) {
      ind = targetIndicatorFromLabel(indText);
      if (!ind) {
        ck.err(sheet, r.row, '指标', `“${indText}”不是有效指标 (${choices(TARGET_INDICATOR_LABELS)})`);
        st.bad = true;
      }
    }
    // 确保/力争 are read in the unit of the row's indicator.
    const reader = (c: Cell) => (ind === 'contracts' ? readCount(c, '签约项目个数') : readWan(c, TARGET_INDICATOR_UNITS[ind ?? 'funds']));
    const base = ck.required(sheet, r, '确保', reader, st);
    const stretch = ck.get(sheet, r, '力争', reader, st);
    if (year === undefined || unit === undefined || !ind) continue;
    const key = `${year}|${unit}|${ind}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ck.err(sheet, r.row, '指标', `${year}年 ${unit} 的“${indText}”目标与第${first}行重复`);
      continue;
    }
    seen.set(key, r.row);
    if (st.bad || base === undefined) continue;
    plan.targets.rows++;
    const rec: TargetRec = { year, unit_code: unit, indicator: ind, base_value: base, stretch_value: stretch ?? null };
    const ex = existing.get(key);
    const present: (keyof TargetRec)[] = ['base_value', ...(ck.has(sheet, '力争') ? ['stretch_value' as const] : [])];
    if (!ex) plan.targets.creates.push(rec);
    else {
      const d = changed(ex as Partial<TargetRec>, pick(rec, present));
      if (d) plan.targets.updates.push({ id: ex.id, version: ex.version, ...d, rec });
      else plan.targets.unchanged++;
    }
  }
}

export async function applyTargets(w: WriteContext): Promise<void> {
  const { tx, plan, now } = w;
  const what = (t: TargetRec) => `${t.year} ${t.unit_code} ${t.indicator}`;
  await w.insertChunks(plan.targets.creates, async (chunk) => {
    const rows = await tx
      .insertInto('targets')
      .values(chunk.map((t) => ({ ...t, created_at: now, updated_at: now })))
      .returning(['id'])
      .execute();
    rows.forEach((r, i) => {
      const t = chunk[i]!;
      w.audits.push({
        action: 'create',
        entity: 'target',
        entityId: r.id,
        unitCode: t.unit_code,
        summary: w.summary('新增目标', what(t)),
        after: t,
      });
    });
  });
  for (const t of plan.targets.updates) {
    assertUpdated(
      await tx
        .updateTable('targets')
        .set({ ...t.after, updated_at: now, version: (eb) => eb('version', '+', 1) })
        .where('id', '=', t.id)
        .where('version', '=', t.version)
        .executeTakeFirst(),
      `target ${t.id}`,
    );
    w.audits.push({
      action: 'update',
      entity: 'target',
      entityId: t.id,
      unitCode: t.rec.unit_code,
      summary: w.summary('修改目标', what(t.rec)),
      before: t.before,
      after: t.after,
    });
    w.step(1);
    await w.flush();
  }
}
