// 单位: 单位代码, 单位名称, 类型 — one 市-level unit at most.
import { unitKindFromLabel, UNIT_KIND_LABELS } from '../../../domain/labels';
import { choices, readRow } from '../ledger.columns';
import { assertUpdated, changed, type CheckContext, type UnitRec, type WriteContext } from '../ledger.plan';

export async function checkUnits(ctx: CheckContext): Promise<void> {
  const { ck, plan } = ctx;
  const dbUnits = await ctx.db.selectFrom('units').select(['id', 'version', 'code', 'name', 'kind']).execute();
  const unitByCode = new Map(dbUnits.map((u) => [u.code, u]));
  for (const u of dbUnits) ctx.unitCodes.add(u.code);
  const sheet = ctx.raw.sheets.get('units');
  if (!sheet) return;
  const seen = new Map<string, number>();
  const finalKind = new Map(dbUnits.map((u) => [u.code, u.kind]));
  const cityRows: { row: number; code: string }[] = [];
  for (const r of sheet.rows) {
    await ctx.tick();
    const st = { bad: false };
    const v = readRow(ck, sheet, r, 'units', st);
    const code = v.单位代码;
    const name = v.单位名称;
    let kind: string | null = null;
    if (v.类型 !== undefined) {
      kind = unitKindFromLabel(v.类型);
      if (!kind) {
        ck.err(sheet, r.row, '类型', `“${v.类型}”不是有效类型 (${choices(UNIT_KIND_LABELS)})`);
        st.bad = true;
      }
    }
    if (code !== undefined && !/^[A-Za-z0-9_-]+$/.test(code)) {
      ck.err(sheet, r.row, '单位代码', `“${code}”只能包含字母、数字、下划线和短横线`);
      st.bad = true;
    }
    if (code !== undefined) {
      const first = seen.get(code);
      if (first !== undefined) {
        ck.err(sheet, r.row, '单位代码', `“${code}”与第${first}行重复`);
        continue;
      }
      seen.set(code, r.row);
      ctx.unitCodes.add(code);
    }
    if (st.bad || code === undefined || name === undefined || !kind) continue;
    finalKind.set(code, kind);
    if (kind === 'city') cityRows.push({ row: r.row, code });
    plan.units.rows++;
    const rec: UnitRec = { code, name, kind };
    const ex = unitByCode.get(code);
    if (!ex) plan.units.creates.push(rec);
    else {
      const d = changed<UnitRec>(ex, rec);
      if (d) plan.units.updates.push({ id: ex.id, version: ex.version, ...d, rec });
      else plan.units.unchanged++;
    }
  }
  const cities = [...finalKind].filter(([, k]) => k === 'city').map(([c]) => c);
  if (cities.length > 1) {
    for (const cr of cityRows) {
      const others = cities.filter((c) => c !== cr.code);
      const otherDb = others.filter((c) => unitByCode.get(c)?.kind === 'city' && !seen.has(c));
      ck.err(
        sheet,
        cr.row,
        '类型',
        otherDb.length
          ? `系统中已有市级单位 ${otherDb.join('、')}（${unitByCode.get(otherDb[0]!)?.name ?? ''}），只能有一个“市”级单位；请使用该单位代码，或先修改原单位`
          : `只能有一个“市”级单位，本表中还有 ${others.join('、')}`,
      );
    }
  }
}

export async function applyUnits(w: WriteContext): Promise<void> {
  const { tx, plan, now } = w;
  const maxSort =
    (
      await tx
        .selectFrom('units')
        .select((eb) => eb.fn.max('sort').as('m'))
        .executeTakeFirst()
    )?.m ?? 0;
  let sort = Number(maxSort ?? 0);
  await w.insertChunks(plan.units.creates, async (chunk) => {
    const rows = await tx
      .insertInto('units')
      .values(chunk.map((u) => ({ code: u.code, name: u.name, kind: u.kind, sort: (sort += 10), created_at: now, updated_at: now })))
      .returning(['id', 'code'])
      .execute();
    const byCode = new Map(chunk.map((u) => [u.code, u]));
    for (const r of rows) {
      w.audits.push({
        action: 'create',
        entity: 'unit',
        entityId: r.code,
        unitCode: r.code,
        summary: w.summary('新增单位', r.code),
        after: byCode.get(r.code),
      });
    }
  });
  for (const u of plan.units.updates) {
    assertUpdated(
      await tx
        .updateTable('units')
        .set({ ...u.after, updated_at: now, version: (eb) => eb('version', '+', 1) })
        .where('id', '=', u.id)
        .where('version', '=', u.version)
        .executeTakeFirst(),
      `unit ${u.rec.code}`,
    );
    w.audits.push({
      action: 'update',
      entity: 'unit',
      entityId: u.rec.code,
      unitCode: u.rec.code,
      summary: w.summary('修改单位', u.rec.code),
      before: u.before,
      after: u.after,
    });
    w.step(1);
    await w.flush();
  }
}
