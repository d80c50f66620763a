// 项目: the projects and, from their 投资方 columns, the investors (one per credit code, else per
// exact name). Stage dates follow the domain rule (dateFieldForStage): 合同 needs 签约日期 etc.
import { validateCreditCode } from '../../../domain/creditCode';
import { PROJECT_TYPE_LABELS, projectTypeFromLabel } from '../../../domain/labels';
import { originScope, resolveOrigin } from '../../../domain/origin';
import { dateFieldForStage, STAGE_LEDGER_LABELS, stageFromLedgerLabel, type Stage, type StageDateField } from '../../../domain/stages';
import { moveProjectEntriesToUnit } from '../../projects/project-move';
import { choices, readRow } from '../ledger.columns';
import {
  assertUpdated,
  changed,
  checkUnitCode,
  KEEP_INVESTOR,
  pick,
  type CheckContext,
  type InvestorRec,
  type ProjectRec,
  type WriteContext,
} from '../ledger.plan';

type DateColumn = 'contract_date' | 'start_date' | 'operating_date';
const DATE_COLUMN_OF: Record<StageDateField, DateColumn> = {
  contractDate: 'contract_date',
  startDate: 'start_date',
  operatingDate: 'operating_date',
};
/** The ledger column holding each stage date. */
const DATE_HEADER: Record<DateColumn, '签约日期' | '开工日期' | '投产日期'> = {
  contract_date: '签约日期',
  start_date: '开工日期',
  operating_date: '投产日期',
};
/** The project column a stage needs a date in, or null. */
function stageDateColumn(stage: Stage): DateColumn | null {
  const f = dateFieldForStage(stage);
  return f ? DATE_COLUMN_OF[f] : null;
}

const investorKeyOf = (i: { name: string; credit_code: string | null }) => (i.credit_code ? `c:${i.credit_code}` : `n:${i.name}`);

/** Loads the stored projects (the 到位资金 and 招商活动 sheets refer to them too), then checks the sheet. */
export async function checkProjects(ctx: CheckContext): Promise<void> {
  const { ck, plan } = ctx;
  const dbProjects = await ctx.db
    .selectFrom('projects')
    .select([
      'id',
      'version',
      'code',
      'name',
      'unit_code',
      'owner',
      'investor_id',
      'industry',
      'project_type',
      'total_investment_yuan',
      'foreign_usd',
      'stage',
      'contract_date',
      'start_date',
      'operating_date',
      'dropped_reason',
    ])
    .execute();
  const projectByCode = new Map(dbProjects.map((p) => [p.code, p]));
  for (const p of dbProjects) {
    plan.projectIdByCode.set(p.code, p.id);
    plan.unitOfProject.set(p.code, p.unit_code);
    ctx.projectCodes.add(p.code);
    ctx.projectCodeById.set(p.id, p.code);
  }
  const sheet = ctx.raw.sheets.get('projects');
  if (!sheet) return;
  const dbInvestors = await ctx.db
    .selectFrom('investors')
    .select(['id', 'version', 'name', 'credit_code', 'origin_input', 'origin_code', 'origin_name', 'origin_kind', 'origin_scope'])
    .execute();
  const invById = new Map(dbInvestors.map((i) => [i.id, i]));
  const invByCredit = new Map<string, (typeof dbInvestors)[number]>();
  const invByName = new Map<string, (typeof dbInvestors)[number]>();
  for (const i of dbInvestors) {
    if (i.credit_code) invByCredit.set(i.credit_code, i);
    const prev = invByName.get(i.name);
    if (!prev || (prev.credit_code && !i.credit_code)) invByName.set(i.name, i);
  }
  const invPlan = new Map<string, { rec: InvestorRec; row: number; existingId: number | null; originGiven: boolean }>();
  const seen = new Map<string, number>();
  const existingRows: { rec: ProjectRec; ex: (typeof dbProjects)[number] }[] = [];
  const hasOrigin = ck.has(sheet, '投资方所在地');
  const stageChoices = choices(STAGE_LEDGER_LABELS);
  for (const r of sheet.rows) {
    await ctx.tick();
    const st = { bad: false };
    const v = readRow(ck, sheet, r, 'projects', st);
    const { 项目编号: code, 项目名称: name, 承办单位代码: unit, 阶段: stageText } = v;
    const { 投资方: invName, 统一社会信用代码: creditText, 投资方所在地: originText, 项目类型: typeText } = v;
    if (unit !== undefined) checkUnitCode(ctx, sheet, r, '承办单位代码', unit, st);
    const dates = { contract_date: v.签约日期 ?? null, start_date: v.开工日期 ?? null, operating_date: v.投产日期 ?? null };
    let stage: Stage | null = null;
    if (stageText !== undefined) {
      stage = stageFromLedgerLabel(stageText);
      if (!stage) {
        ck.err(sheet, r.row, '阶段', `"${stageText}" 不是有效阶段 (${stageChoices})`);
        st.bad = true;
      }
    }
    if (stage) {
      const need = stageDateColumn(stage);
      if (need && !dates[need] && ck.has(sheet, DATE_HEADER[need])) {
        if (!ck.hasErrorAt(sheet, r, DATE_HEADER[need])) {
          ck.err(sheet, r.row, DATE_HEADER[need], `阶段为“${stageText}”的项目须填写${DATE_HEADER[need]}`);
        }
        st.bad = true;
      } else if (need && !ck.has(sheet, DATE_HEADER[need])) {
        ck.err(sheet, r.row, '阶段', `阶段为“${stageText}”的项目须填写${DATE_HEADER[need]}，但表中没有“${DATE_HEADER[need]}”列`);
        st.bad = true;
      }
    }
    let projectType: string | null = null;
    if (typeText) {
      projectType = projectTypeFromLabel(typeText);
      if (!projectType) {
        ck.err(sheet, r.row, '项目类型', `“${typeText}”不是有效项目类型 (${choices(PROJECT_TYPE_LABELS)})`);
        st.bad = true;
      }
    }
    let credit: string | null = null;
    if (creditText) {
      const cc = validateCreditCode(creditText);
      if (!cc.ok) {
        ck.err(sheet, r.row, '统一社会信用代码', `“${creditText}”有误：${cc.reason}`);
        st.bad = true;
      } else credit = cc.code;
      if (!invName) {
        ck.err(sheet, r.row, '投资方', '填写了统一社会信用代码，但未填写投资方名称');
        st.bad = true;
      }
    }
    let origin: ReturnType<typeof resolveOrigin> = null;
    if (originText) {
      origin = resolveOrigin(originText);
      if (!origin) {
        ck.err(
          sheet,
          r.row,
          '投资方所在地',
          `“${originText}”无法识别：请填写省市名称（如 浙江省杭州市）、6位行政区划代码，或国家/地区（如 香港、美国）`,
        );
        st.bad = true;
      }
      if (!invName) {
        ck.err(sheet, r.row, '投资方', '填写了投资方所在地，但未填写投资方名称');
        st.bad = true;
      }
    }
    if (code !== undefined) {
      const first = seen.get(code);
      if (first !== undefined) {
        ck.err(sheet, r.row, '项目编号', `“${code}”与第${first}行重复`);
        continue;
      }
      seen.set(code, r.row);
      ctx.projectCodes.add(code);
      if (unit !== undefined) plan.unitOfProject.set(code, unit);
    }
    // Investor: one per credit code, else per exact name.
    let investorKey: string | null = null;
    if (invName) {
      investorKey = investorKeyOf({ name: invName, credit_code: credit });
      const rec: InvestorRec = {
        name: invName,
        credit_code: credit,
        origin_input: originText || null,
        origin_code: origin?.code ?? null,
        origin_name: origin?.name ?? null,
        origin_kind: origin?.kind ?? null,
        origin_scope: origin ? originScope(origin, ctx.homeRegionCode) : null,
      };
      const prev = invPlan.get(investorKey);
      if (prev) {
        if (prev.rec.name !== invName) {
          ck.err(
            sheet,
            r.row,
            '投资方',
            `统一社会信用代码 ${credit} 在第${prev.row}行对应的投资方是“${prev.rec.name}”，同一代码不能对应不同名称`,
          );
          st.bad = true;
        } else if (originText && prev.originGiven && prev.rec.origin_code !== rec.origin_code) {
          ck.err(sheet, r.row, '投资方所在地', `同一投资方“${invName}”在第${prev.row}行的所在地为“${prev.rec.origin_input}”，两处不一致`);
          st.bad = true;
        } else if (originText && !prev.originGiven) {
          prev.rec = { ...rec };
          prev.originGiven = true;
        }
      } else {
        const byName = invByName.get(invName);
        const ex = (credit ? (invByCredit.get(credit) ?? (byName && !byName.credit_code ? byName : undefined)) : byName) ?? null;
        invPlan.set(investorKey, { rec, row: r.row, existingId: ex?.id ?? null, originGiven: !!originText });
      }
    }
    if (st.bad || code === undefined || name === undefined || unit === undefined || !stage) continue;
    plan.projects.rows++;
    const ex = projectByCode.get(code);
    const rec: ProjectRec = {
      code,
      name,
      unit_code: unit,
      owner: v.责任人 || null,
      investorKey,
      industry: v.行业 || null,
      project_type: projectType,
      total_investment_yuan: v['总投资(万元)'] ?? 0,
      foreign_usd: v['其中外资(万美元)'] ?? 0,
      stage,
      ...dates,
      dropped_reason: stage === 'dropped' ? (ex?.dropped_reason ?? '台账导入') : null,
    };
    plan.projects.prevStage.set(code, ex ? (ex.stage as Stage) : null);
    if (!ex) {
      plan.projects.creates.push(rec);
      plan.projects.stageMoved.add(code);
      continue;
    }
    existingRows.push({ rec, ex });
  }
  // Investors: create or update.
  for (const [key, ip] of invPlan) {
    plan.investors.rows++;
    plan.investors.keyOf.set(key, ip.existingId);
    if (ip.existingId === null) {
      plan.investors.creates.push(ip.rec);
      continue;
    }
    const ex = invById.get(ip.existingId)!;
    const present: (keyof InvestorRec)[] = ['name', 'credit_code'];
    if (hasOrigin && ip.originGiven) present.push('origin_input', 'origin_code', 'origin_name', 'origin_kind', 'origin_scope');
    const next = pick(ip.rec, present);
    if (!ip.rec.credit_code && ex.credit_code) delete next.credit_code; // matched by name: keep its code
    const d = changed(ex as Partial<InvestorRec>, next);
    if (d) plan.investors.updates.push({ id: ex.id, version: ex.version, ...d, rec: ip.rec });
    else plan.investors.unchanged++;
  }
  // Existing projects: compare the present columns; the investor by resolved id.
  const cols: [string, keyof ProjectRec][] = [
    ['责任人', 'owner'],
    ['行业', 'industry'],
    ['项目类型', 'project_type'],
    ['总投资(万元)', 'total_investment_yuan'],
    ['其中外资(万美元)', 'foreign_usd'],
    ['签约日期', 'contract_date'],
    ['开工日期', 'start_date'],
    ['投产日期', 'operating_date'],
  ];
  const present: (keyof ProjectRec)[] = [
    'name',
    'unit_code',
    'stage',
    'dropped_reason',
    ...cols.filter(([h]) => ck.has(sheet, h)).map(([, k]) => k),
  ];
  const invCol = ck.has(sheet, '投资方');
  for (const { rec, ex } of existingRows) {
    const next: Record<string, unknown> = pick(rec, present);
    const { version: _v, ...old }: Record<string, unknown> = { ...ex };
    if (invCol) {
      const id = rec.investorKey === null ? null : plan.investors.keyOf.get(rec.investorKey);
      next.investor_id = id === undefined || id === null ? (rec.investorKey === null ? null : `new:${rec.investorKey}`) : id;
    }
    const d = changed(old, next);
    if (!invCol) rec.investorKey = KEEP_INVESTOR;
    if (d) {
      plan.projects.updates.push({
        id: ex.id,
        version: ex.version,
        before: d.before as Partial<ProjectRec>,
        after: d.after as Partial<ProjectRec>,
        rec,
      });
      if (rec.stage !== ex.stage) plan.projects.stageMoved.add(rec.code);
    } else plan.projects.unchanged++;
  }
}

export async function applyInvestors(w: WriteContext): Promise<void> {
  const { tx, plan, now } = w;
  for (const [k, id] of plan.investors.keyOf) if (id !== null) w.investorId.set(k, id);
  await w.insertChunks(plan.investors.creates, async (chunk) => {
    const rows = await tx
      .insertInto('investors')
      .values(chunk.map((i) => ({ ...i, created_by_unit: w.actor.unitCode, created_at: now, updated_at: now })))
      .returning(['id', 'name', 'credit_code'])
      .execute();
    for (const r of rows) {
      const k = investorKeyOf(r);
      w.investorId.set(k, r.id);
      w.audits.push({
        action: 'create',
        entity: 'investor',
        entityId: r.id,
        summary: w.summary('新增客商', r.name),
        after: chunk.find((c) => investorKeyOf(c) === k),
      });
    }
  });
  for (const i of plan.investors.updates) {
    assertUpdated(
      await tx
        .updateTable('investors')
        .set({ ...i.after, updated_at: now, version: (eb) => eb('version', '+', 1) })
        .where('id', '=', i.id)
        .where('version', '=', i.version)
        .executeTakeFirst(),
      `investor ${i.id}`,
    );
    w.audits.push({
      action: 'update',
      entity: 'investor',
      entityId: i.id,
      summary: w.summary('修改客商', i.rec.name),
      before: i.before,
      after: i.after,
    });
    w.step(1);
    await w.flush();
  }
}

export async function applyProjects(w: WriteContext): Promise<void> {
  const { tx, plan, now, today, actor } = w;
  const resolveInvestor = (key: string | null) => (key === null ? null : (w.investorId.get(key) ?? null));
  const moves: { code: string; from: Stage | null; to: Stage; on: string }[] = [];
  // A stage is entered on its date (签约/开工/投产日期) when it has one, else today.
  const moveDate = (p: ProjectRec) => {
    const f = stageDateColumn(p.stage);
    return (f && p[f]) || today;
  };
  await w.insertChunks(plan.projects.creates, async (chunk) => {
    const rows = await tx
      .insertInto('projects')
      .values(
        chunk.map((p) => ({
          code: p.code,
          name: p.name,
          unit_code: p.unit_code,
          owner: p.owner,
          investor_id: resolveInvestor(p.investorKey),
          industry: p.industry,
          project_type: p.project_type,
          total_investment_yuan: p.total_investment_yuan,
          foreign_usd: p.foreign_usd,
          stage: p.stage,
          contract_date: p.contract_date,
          start_date: p.start_date,
          operating_date: p.operating_date,
          dropped_reason: p.dropped_reason,
          registered_on: today,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    const byCode = new Map(chunk.map((p) => [p.code, p]));
    for (const r of rows) {
      plan.projectIdByCode.set(r.code, r.id);
      const p = byCode.get(r.code)!;
      moves.push({ code: r.code, from: null, to: p.stage, on: moveDate(p) });
      const { investorKey: _k, ...after } = p;
      w.audits.push({
        action: 'create',
        entity: 'project',
        entityId: r.id,
        unitCode: p.unit_code,
        summary: w.summary('新增项目', `${p.code} ${p.name}`),
        after,
      });
    }
  });
  for (const u of plan.projects.updates) {
    const set: Record<string, unknown> = { ...u.after };
    if ('investor_id' in set) set.investor_id = resolveInvestor(u.rec.investorKey);
    assertUpdated(
      await tx
        .updateTable('projects')
        .set({ ...set, updated_at: now, version: (eb) => eb('version', '+', 1) })
        .where('id', '=', u.id)
        .where('version', '=', u.version)
        .executeTakeFirst(),
      `project ${u.id}`,
    );
    // A project moved to another unit takes its fund entries along exactly as the projects API does.
    if (u.after.unit_code !== undefined) await moveProjectEntriesToUnit(tx, u.id, u.rec.unit_code);
    if (plan.projects.stageMoved.has(u.rec.code)) {
      moves.push({ code: u.rec.code, from: plan.projects.prevStage.get(u.rec.code) ?? null, to: u.rec.stage, on: moveDate(u.rec) });
    }
    w.audits.push({
      action: 'update',
      entity: 'project',
      entityId: u.id,
      unitCode: u.rec.unit_code,
      summary: w.summary('修改项目', `${u.rec.code} ${u.rec.name}`),
      before: u.before,
      after: u.after,
    });
    w.step(1);
    await w.flush();
  }
  await w.insertChunks(
    moves,
    async (chunk) => {
      await tx
        .insertInto('stage_moves')
        .values(
          chunk.map((m) => ({
            project_id: plan.projectIdByCode.get(m.code)!,
            from_stage: m.from,
            to_stage: m.to,
            moved_on: m.on,
            actor_id: actor.userId,
            actor_name: actor.name,
            reason: '台账导入',
            created_at: now,
          })),
        )
        .execute();
    },
    () => {},
  );
}
