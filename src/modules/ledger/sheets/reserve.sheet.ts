// 储备项目: matched by 项目名称 + 所在单位代码.
import { RESERVE_STATUS_LABELS, reserveStatusFromLabel } from '../../../domain/labels';
import { choices, readRow } from '../ledger.columns';
import { assertUpdated, changed, checkUnitCode, pick, type CheckContext, type ReserveRec, type WriteContext } from '../ledger.plan';

export async function checkReserve(ctx: CheckContext): Promise<void> {
  const { ck, plan } = ctx;
  const sheet = ctx.raw.sheets.get('reserve');
  if (!sheet) return;
  const existing = new Map(
    (
      await ctx.db
        .selectFrom('reserve_projects')
        .select(['id', 'version', 'name', 'unit_code', 'industry', 'total_investment_yuan', 'status'])
        .execute()
    ).map((x) => [`${x.name}|${x.unit_code}`, x]),
  );
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    await ctx.tick();
    const st = { bad: false };
    const v = readRow(ck, sheet, r, 'reserve', st);
    const { 项目名称: name, 所在单位代码: unit } = v;
    if (unit !== undefined) checkUnitCode(ctx, sheet, r, '所在单位代码', unit, st);
    let status = 'reserve';
    if (v.状态) {
      const s = reserveStatusFromLabel(v.状态);
      if (!s) {
        ck.err(sheet, r.row, '状态', `“${v.状态}”不是有效状态 (${choices(RESERVE_STATUS_LABELS)})`);
        st.bad = true;
      } else status = s;
    }
    if (name === undefined || unit === undefined) continue;
    const key = `${name}|${unit}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ck.err(sheet, r.row, '项目名称', `“${name}”（${unit}）与第${first}行重复`);
      continue;
    }
    seen.set(key, r.row);
    if (st.bad) continue;
    plan.reserve.rows++;
    const rec: ReserveRec = { name, unit_code: unit, industry: v.行业 || null, total_investment_yuan: v['总投资(万元)'] ?? 0, status };
    const ex = existing.get(key);
    if (!ex) {
      plan.reserve.creates.push(rec);
      continue;
    }
    const cols: [string, keyof ReserveRec][] = [
      ['行业', 'industry'],
      ['总投资(万元)', 'total_investment_yuan'],
      ['状态', 'status'],
    ];
    const d = changed(
      ex as Partial<ReserveRec>,
      pick(
        rec,
        cols.filter(([h]) => ck.has(sheet, h)).map(([, k]) => k),
      ),
    );
    if (d) plan.reserve.updates.push({ id: ex.id, version: ex.version, ...d, rec });
    else plan.reserve.unchanged++;
  }
}

export async function applyReserve(w: WriteContext): Promise<void> {
  const { tx, plan, now } = w;
  await w.insertChunks(plan.reserve.creates, async (chunk) => {
    const rows = await tx
      .insertInto('reserve_projects')
      .values(chunk.map((x) => ({ ...x, created_at: now, updated_at: now })))
      .returning(['id', 'name', 'unit_code'])
      .execute();
    const byKey = new Map(chunk.map((x) => [`${x.name}|${x.unit_code}`, x]));
    for (const r of rows) {
      const x = byKey.get(`${r.name}|${r.unit_code}`)!;
      w.audits.push({
        action: 'create',
        entity: 'reserve_project',
        entityId: r.id,
        unitCode: x.unit_code,
        summary: w.summary('新增储备项目', x.name),
        after: x,
      });
    }
  });
  for (const x of plan.reserve.updates) {
    assertUpdated(
      await tx
        .updateTable('reserve_projects')
        .set({ ...x.after, updated_at: now, version: (eb) => eb('version', '+', 1) })
        .where('id', '=', x.id)
        .where('version', '=', x.version)
        .executeTakeFirst(),
      `reserve project ${x.id}`,
    );
    w.audits.push({
      action: 'update',
      entity: 'reserve_project',
      entityId: x.id,
      unitCode: x.rec.unit_code,
      summary: w.summary('修改储备项目', x.rec.name),
      before: x.before,
      after: x.after,
    });
    w.step(1);
    await w.flush();
  }
}
