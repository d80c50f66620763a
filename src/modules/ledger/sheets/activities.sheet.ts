// 招商活动: matched by 活动名称 + 开始日期; 签约项目编号 lists the projects signed there.
import { AppError } from '../../../domain/errors';
import { ACTIVITY_KIND_LABELS, activityKindFromLabel } from '../../../domain/labels';
import { readCode } from '../ledger.cells';
import { choices, readRow } from '../ledger.columns';
import { assertUpdated, changed, checkUnitCode, pick, type ActivityRec, type CheckContext, type WriteContext } from '../ledger.plan';

export async function checkActivities(ctx: CheckContext): Promise<void> {
  const { ck, plan } = ctx;
  const sheet = ctx.raw.sheets.get('activities');
  if (!sheet) return;
  const rows = await ctx.db
    .selectFrom('activities')
    .select(['id', 'version', 'name', 'kind', 'start_date', 'end_date', 'destination', 'unit_code', 'person_times'])
    .execute();
  const links = await ctx.db
    .selectFrom('activity_projects')
    .innerJoin('projects', 'projects.id', 'activity_projects.project_id')
    .select(['activity_projects.activity_id', 'projects.code', 'activity_projects.sort'])
    .execute();
  const codesOf = new Map<number, { code: string; sort: number }[]>();
  for (const l of links) {
    const list = codesOf.get(l.activity_id) ?? [];
    list.push({ code: l.code, sort: l.sort });
    codesOf.set(l.activity_id, list);
  }
  const existing = new Map(rows.map((a) => [`${a.name}|${a.start_date}`, a]));
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    await ctx.tick();
    const st = { bad: false };
    const v = readRow(ck, sheet, r, 'activities', st);
    const { 活动名称: name, 类型: kindText, 开始日期: start } = v;
    const end = v.结束日期 ?? null;
    let kind: string | null = null;
    if (kindText !== undefined) {
      kind = activityKindFromLabel(kindText);
      if (!kind) {
        ck.err(sheet, r.row, '类型', `“${kindText}”不是有效类型 (${choices(ACTIVITY_KIND_LABELS)})`);
        st.bad = true;
      }
    }
    if (start && end && end < start) {
      ck.err(sheet, r.row, '结束日期', `结束日期 ${end} 早于开始日期 ${start}`);
      st.bad = true;
    }
    const unit = v.组织单位代码;
    if (unit) checkUnitCode(ctx, sheet, r, '组织单位代码', unit, st);
    const codes: string[] = [];
    if (v.签约项目编号) {
      const missing: string[] = [];
      for (const part of v.签约项目编号.split(/[,，、;；\s]+/)) {
        const c = readCode(part, 64);
        if (!c.ok || c.value === '' || codes.includes(c.value)) continue;
        if (!ctx.projectCodes.has(c.value)) missing.push(c.value);
        codes.push(c.value);
      }
      if (missing.length) {
        ck.err(sheet, r.row, '签约项目编号', `项目 ${missing.join('、')} 不存在：请核对编号，或先在“项目”表中列出`);
        st.bad = true;
      }
    }
    if (name === undefined || start === undefined) continue;
    const key = `${name}|${start}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ck.err(sheet, r.row, '活动名称', `“${name}”（${start}开始）与第${first}行重复`);
      continue;
    }
    seen.set(key, r.row);
    if (st.bad || !kind) continue;
    plan.activities.rows++;
    const rec: ActivityRec = {
      name,
      kind,
      start_date: start,
      end_date: end,
      destination: v.目的地 || null,
      unit_code: unit || null,
      person_times: v.参加人次 ?? 0,
      projectCodes: codes,
    };
    const ex = existing.get(key);
    if (!ex) {
      plan.activities.creates.push(rec);
      continue;
    }
    const cols: [string, keyof ActivityRec][] = [
      ['结束日期', 'end_date'],
      ['目的地', 'destination'],
      ['组织单位代码', 'unit_code'],
      ['参加人次', 'person_times'],
    ];
    const present: (keyof ActivityRec)[] = ['kind', ...cols.filter(([h]) => ck.has(sheet, h)).map(([, k]) => k)];
    const d = changed(ex as Partial<ActivityRec>, pick(rec, present)) ?? { before: {}, after: {} };
    let linksChanged = false;
    if (ck.has(sheet, '签约项目编号')) {
      const old = (codesOf.get(ex.id) ?? []).sort((a, b) => a.sort - b.sort).map((x) => x.code);
      if (old.join(',') !== codes.join(',')) {
        linksChanged = true;
        plan.activities.projectsChanged.add(key);
        d.before.projectCodes = old;
        d.after.projectCodes = codes;
      }
    }
    if (linksChanged || Object.keys(d.after).length) plan.activities.updates.push({ id: ex.id, version: ex.version, ...d, rec });
    else plan.activities.unchanged++;
  }
}

export async function applyActivities(w: WriteContext): Promise<void> {
  const { tx, plan, now } = w;
  const pid = (code: string) => {
    const id = plan.projectIdByCode.get(code);
    if (id === undefined) throw new AppError('validation', `项目 ${code} 不存在`);
    return id;
  };
  const links: { activity_id: number; project_id: number; sort: number }[] = [];
  const linkRows = (id: number, a: ActivityRec) =>
    a.projectCodes.forEach((c, i) => links.push({ activity_id: id, project_id: pid(c), sort: i }));
  const what = (a: ActivityRec) => `${a.name} ${a.start_date}`;
  await w.insertChunks(plan.activities.creates, async (chunk) => {
    const rows = await tx
      .insertInto('activities')
      .values(chunk.map(({ projectCodes: _p, ...a }) => ({ ...a, created_at: now, updated_at: now })))
      .returning(['id', 'name', 'start_date'])
      .execute();
    const byKey = new Map(chunk.map((a) => [`${a.name}|${a.start_date}`, a]));
    for (const r of rows) {
      const a = byKey.get(`${r.name}|${r.start_date}`)!;
      linkRows(r.id, a);
      w.audits.push({
        action: 'create',
        entity: 'activity',
        entityId: r.id,
        unitCode: a.unit_code,
        summary: w.summary('新增招商活动', what(a)),
        after: a,
      });
    }
  });
  for (const a of plan.activities.updates) {
    const { projectCodes: _p, ...set } = a.after;
    // The version moves even when only the links change, so a concurrent edit is noticed.
    assertUpdated(
      await tx
        .updateTable('activities')
        .set({ ...set, updated_at: now, version: (eb) => eb('version', '+', 1) })
        .where('id', '=', a.id)
        .where('version', '=', a.version)
        .executeTakeFirst(),
      `activity ${a.id}`,
    );
    if (plan.activities.projectsChanged.has(`${a.rec.name}|${a.rec.start_date}`)) {
      await tx.deleteFrom('activity_projects').where('activity_id', '=', a.id).execute();
      linkRows(a.id, a.rec);
    }
    w.audits.push({
      action: 'update',
      entity: 'activity',
      entityId: a.id,
      unitCode: a.rec.unit_code,
      summary: w.summary('修改招商活动', what(a.rec)),
      before: a.before,
      after: a.after,
    });
    w.step(1);
    await w.flush();
  }
  await w.insertChunks(
    links,
    async (chunk) => {
      await tx.insertInto('activity_projects').values(chunk).execute();
    },
    () => {},
  );
}
