// Reserve projects (项目储备 / 包装): projects the city packages for investors — market, advantages,
// expert review and the cash-flow estimates behind the investor's figures. When an investor shows
// interest the reserve project becomes a pipeline project (the link is kept on both sides: the
// reserve row names the project, and the project's reserve is found by `projectId`). Each January
// the reserve is rolled over: every active reserve project is carried forward or retired, and the
// decision is recorded. Every read goes through the unit scope on reserve_projects.unit_code.
import type { Selectable } from 'kysely';
import type { Tx } from '../../db/database';
import type { ReserveProjectsTable } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import { cashFlows, financeFigures, sensitivity, type CashFlowInputs } from '../../domain/finance';
import { RESERVE_STATUS_LABELS, type ReserveStatus } from '../../domain/labels';
import { todayIso } from '../../domain/period';
import {
  cashFlowInputsSchema,
  type FinanceDto,
  type ReserveCreate,
  type ReserveDetail,
  type ReserveProject,
  type ReserveQuery,
  type ReserveUpdate,
  type RolloverList,
} from '../../contracts/reserve';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { assertUnitWritable, scoped, scopeUnit } from '../auth/scope';
import { createProject } from '../projects/projects.service';

type Row = Selectable<ReserveProjectsTable> & { unit_name: string | null; project_code: string | null; project_name: string | null };

function parseCashflow(s: string | null): CashFlowInputs | null {
  if (!s) return null;
  try {
    const p = cashFlowInputsSchema.safeParse(JSON.parse(s));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
}

export function toReserve(r: Row): ReserveProject {
  return {
    id: Number(r.id),
    name: r.name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    industry: r.industry,
    location: r.location,
    totalInvestmentYuan: Number(r.total_investment_yuan),
    status: r.status as ReserveStatus,
    description: r.description,
    marketOutlook: r.market_outlook,
    advantages: r.advantages,
    nameEn: r.name_en,
    descriptionEn: r.description_en,
    marketOutlookEn: r.market_outlook_en,
    advantagesEn: r.advantages_en,
    review: {
      experts: r.review_experts,
      date: r.review_date,
      verdict: (r.review_verdict as ReserveProject['review']['verdict']) ?? null,
      comments: r.review_comments,
    },
    cashflow: parseCashflow(r.cashflow_json),
    projectId: r.project_id === null ? null : Number(r.project_id),
    projectCode: r.project_code,
    projectName: r.project_name,
    convertedOn: r.converted_on,
    promotedOn: r.promoted_on,
    isDemo: !!r.is_demo,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The investor's figures of the estimates (null without estimates). */
export function financeOf(inputs: CashFlowInputs | null): FinanceDto | null {
  if (!inputs) return null;
  const flows = cashFlows(inputs);
  return { flows, ...financeFigures(flows, inputs.discountRate), sensitivity: sensitivity(inputs) };
}

/** Rows without unit scope: the public page (already limited to 已推介) and the brochure use this. */
export function reserveRows(db: Tx) {
  return db
    .selectFrom('reserve_projects')
    .leftJoin('units', 'units.code', 'reserve_projects.unit_code')
    .leftJoin('projects', 'projects.id', 'reserve_projects.project_id')
    .selectAll('reserve_projects')
    .select(['units.name as unit_name', 'projects.code as project_code', 'projects.name as project_name']);
}
function base(db: Tx, actor: Actor) {
  return scoped(reserveRows(db), 'reserve_projects.unit_code', actor);
}

function likeText(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listReserve(db: Tx, actor: Actor, q: ReserveQuery) {
  let qb = base(db, actor);
  if (q.q) {
    const like = likeText(q.q);
    qb = qb.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['reserve_projects.name']), 'like', like),
        eb(eb.fn('lower', ['reserve_projects.industry']), 'like', like),
        eb(eb.fn('lower', ['reserve_projects.location']), 'like', like),
      ]),
    );
  }
  if (q.status) qb = qb.where('reserve_projects.status', '=', q.status);
  if (q.unitCode) qb = qb.where('reserve_projects.unit_code', '=', q.unitCode);
  if (q.projectId) qb = qb.where('reserve_projects.project_id', '=', q.projectId);
  const total = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const rows = (await qb
    .orderBy('reserve_projects.total_investment_yuan', 'desc')
    .orderBy('reserve_projects.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute()) as Row[];
  return { items: rows.map(toReserve), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getReserve(db: Tx, actor: Actor, id: number): Promise<ReserveDetail> {
  const r = (await base(db, actor).where('reserve_projects.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!r) throw new AppError('not_found', '储备项目不存在或无权查看');
  const p = toReserve(r);
  const rollovers = await db
    .selectFrom('reserve_rollovers')
    .selectAll()
    .where('reserve_project_id', '=', id)
    .orderBy('year', 'desc')
    .execute();
  return {
    ...p,
    finance: financeOf(p.cashflow),
    rollovers: rollovers.map((x) => ({
      year: x.year,
      decision: x.decision as 'carry' | 'retire',
      note: x.note,
      actorName: x.actor_name,
      createdAt: x.created_at,
    })),
  };
}

async function assertUnitExists(db: Tx, code: string): Promise<void> {
  if (!(await db.selectFrom('units').select('code').where('code', '=', code).executeTakeFirst())) {
    throw new AppError('validation', `单位“${code}”不存在，请从列表中选择`, { unitCode: '单位不存在' });
  }
}
async function assertNameFree(db: Tx, name: string, unitCode: string, exceptId?: number): Promise<void> {
  let q = db.selectFrom('reserve_projects').select('id').where('name', '=', name).where('unit_code', '=', unitCode);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst())
    throw new AppError('conflict', `本单位已有名为“${name}”的储备项目，请改名或打开已有项目`, { name: '重名' });
}

function toRow(input: Partial<ReserveCreate>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const map: [keyof ReserveCreate, string][] = [
    ['name', 'name'],
    ['unitCode', 'unit_code'],
    ['industry', 'industry'],
    ['location', 'location'],
    ['totalInvestmentYuan', 'total_investment_yuan'],
    ['status', 'status'],
    ['description', 'description'],
    ['marketOutlook', 'market_outlook'],
    ['advantages', 'advantages'],
    ['nameEn', 'name_en'],
    ['descriptionEn', 'description_en'],
    ['marketOutlookEn', 'market_outlook_en'],
    ['advantagesEn', 'advantages_en'],
  ];
  for (const [k, col] of map) if (input[k] !== undefined) out[col] = input[k] === '' ? null : input[k];
  if (input.review) {
    const r = input.review;
    if (r.experts !== undefined) out.review_experts = r.experts || null;
    if (r.date !== undefined) out.review_date = r.date || null;
    if (r.verdict !== undefined) out.review_verdict = r.verdict ?? null;
    if (r.comments !== undefined) out.review_comments = r.comments || null;
  }
  if (input.cashflow !== undefined) out.cashflow_json = input.cashflow ? JSON.stringify(input.cashflow) : null;
  return out;
}

function checkStatus(to: ReserveStatus | undefined, from: ReserveStatus | null): void {
  if (to === 'converted' && from !== 'converted') {
    throw new AppError('validation', '“已转化”由“转为在谈项目”操作产生，请使用该按钮', { status: '请用“转为在谈项目”' });
  }
  if (from === 'converted' && to !== undefined && to !== 'converted') {
    throw new AppError('validation', '已转化的储备项目不能改回，请在对应的在谈项目中跟进', { status: '已转化' });
  }
}

export async function createReserve(tx: Tx, actor: Actor, input: ReserveCreate): Promise<ReserveDetail> {
  requirePermission(actor, 'reserve.write');
  const unitCode = input.unitCode || scopeUnit(actor);
  if (!unitCode) throw new AppError('validation', '请选择所在单位', { unitCode: '请选择所在单位' });
  assertUnitWritable(actor, unitCode);
  await assertUnitExists(tx, unitCode);
  checkStatus(input.status, null);
  await assertNameFree(tx, input.name, unitCode);
  const status = input.status ?? 'reserve';
  const t = nowIso();
  const row = {
    ...toRow(input),
    unit_code: unitCode,
    status,
    promoted_on: status === 'promoted' ? todayIso() : null,
    created_at: t,
    updated_at: t,
  };
  const r = await tx
    .insertInto('reserve_projects')
    .values(row as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const out = await getReserve(tx, actor, Number(r.id));
  await audit(tx, actor, {
    action: 'create',
    entity: 'reserve_project',
    entityId: out.id,
    unitCode,
    summary: `新增储备项目：${out.name}`,
    after: out,
  });
  return out;
}

export async function updateReserve(tx: Tx, actor: Actor, id: number, input: ReserveUpdate): Promise<ReserveDetail> {
  requirePermission(actor, 'reserve.write');
  const before = await getReserve(tx, actor, id);
  assertUnitWritable(actor, before.unitCode);
  if (input.unitCode && input.unitCode !== before.unitCode) {
    assertUnitWritable(actor, input.unitCode);
    await assertUnitExists(tx, input.unitCode);
  }
  checkStatus(input.status, before.status);
  if (input.name !== undefined || input.unitCode !== undefined)
    await assertNameFree(tx, input.name ?? before.name, input.unitCode ?? before.unitCode, id);
  const { version, ...rest } = input;
  const patch = toRow(rest);
  if (input.status === 'promoted' && before.status !== 'promoted') patch.promoted_on = todayIso();
  await updateVersioned(tx, 'reserve_projects', id, version, patch, '储备项目');
  const after = await getReserve(tx, actor, id);
  const { finance: _b, ...b } = before;
  const { finance: _a, ...a } = after;
  await audit(tx, actor, {
    action: 'update',
    entity: 'reserve_project',
    entityId: id,
    unitCode: after.unitCode,
    summary: `修改储备项目：${after.name}`,
    before: b,
    after: a,
  });
  return after;
}

/** An investor is interested: the reserve project becomes a pipeline project; both keep the link. */
export async function convertReserve(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { version: number; stage?: 'lead' | 'negotiating' | 'intent' | undefined; owner?: string | null | undefined },
): Promise<ReserveDetail> {
  requirePermission(actor, 'reserve.write');
  const before = await getReserve(tx, actor, id);
  assertUnitWritable(actor, before.unitCode);
  if (before.status === 'converted' || before.projectId) {
    throw new AppError(
      'conflict',
      `该储备项目已转为在谈项目${before.projectCode ? ` ${before.projectCode}` : ''}，请到该项目中跟进`,
      undefined,
      { projectId: before.projectId },
    );
  }
  if (before.status === 'withdrawn')
    throw new AppError('validation', '已撤销的储备项目不能转化，请先改回“储备”或“已推介”', { status: '已撤销' });
  if (before.version !== input.version) {
    throw new AppError('stale', `储备项目已被他人修改（当前版本 ${before.version}），请刷新后重试`, undefined, {
      currentVersion: before.version,
    });
  }
  const project = await createProject(tx, actor, {
    name: before.name,
    unitCode: before.unitCode,
    industry: before.industry,
    location: before.location,
    totalInvestmentYuan: before.totalInvestmentYuan,
    stage: input.stage ?? 'lead',
    owner: input.owner ?? null,
    tags: ['储备项目转化'],
  });
  await updateVersioned(
    tx,
    'reserve_projects',
    id,
    input.version,
    { status: 'converted', project_id: project.id, converted_on: todayIso() },
    '储备项目',
  );
  const after = await getReserve(tx, actor, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'reserve_project',
    entityId: id,
    unitCode: after.unitCode,
    summary: `储备项目转为在谈项目 ${project.code}：${after.name}`,
    before: { status: before.status },
    after: { status: 'converted', projectId: project.id },
  });
  return after;
}

/** The January roll-over of year Y: active reserve projects and any already decided for Y. */
export async function rolloverList(db: Tx, actor: Actor, year: number): Promise<RolloverList> {
  const decided = await db
    .selectFrom('reserve_rollovers')
    .select(['reserve_project_id', 'decision', 'note'])
    .where('year', '=', year)
    .execute();
  const byId = new Map(decided.map((d) => [Number(d.reserve_project_id), d]));
  const rows = (await base(db, actor)
    .where((eb) =>
      eb.or([eb('reserve_projects.status', 'in', ['reserve', 'promoted']), eb('reserve_projects.id', 'in', [...byId.keys(), -1])]),
    )
    .orderBy('reserve_projects.unit_code')
    .orderBy('reserve_projects.id')
    .execute()) as Row[];
  return {
    year,
    items: rows.map((r) => {
      const d = byId.get(Number(r.id));
      return {
        id: Number(r.id),
        name: r.name,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        status: r.status as ReserveStatus,
        totalInvestmentYuan: Number(r.total_investment_yuan),
        decision: (d?.decision as 'carry' | 'retire' | undefined) ?? null,
        note: d?.note ?? null,
      };
    }),
  };
}

/** Records the year's decisions; retiring sets the project to 撤销. A decision may be revised within the year. */
export async function rollover(
  tx: Tx,
  actor: Actor,
  year: number,
  decisions: { id: number; decision: 'carry' | 'retire'; note?: string | null | undefined }[],
): Promise<RolloverList> {
  requirePermission(actor, 'reserve.write');
  for (const d of decisions) {
    const p = await getReserve(tx, actor, d.id);
    assertUnitWritable(actor, p.unitCode);
    if (p.status === 'converted')
      throw new AppError('validation', `“${p.name}”已转化为在谈项目，无需结转`, { [`decisions.${d.id}`]: '已转化' });
    const prior = p.rollovers.find((r) => r.year === year);
    if (prior) await tx.deleteFrom('reserve_rollovers').where('reserve_project_id', '=', d.id).where('year', '=', year).execute();
    await tx
      .insertInto('reserve_rollovers')
      .values({
        reserve_project_id: d.id,
        year,
        decision: d.decision,
        note: d.note ?? null,
        actor_id: actor.userId,
        actor_name: actor.name,
        created_at: nowIso(),
      })
      .execute();
    let status = p.status;
    if (d.decision === 'retire' && p.status !== 'withdrawn') status = 'withdrawn';
    // revising a retirement within the same year brings the project back to the reserve
    if (d.decision === 'carry' && prior?.decision === 'retire' && p.status === 'withdrawn') status = 'reserve';
    if (status !== p.status) await updateVersioned(tx, 'reserve_projects', d.id, p.version, { status }, '储备项目');
    await audit(tx, actor, {
      action: 'update',
      entity: 'reserve_project',
      entityId: d.id,
      unitCode: p.unitCode,
      summary: `${year}年度储备结转：${d.decision === 'carry' ? '结转' : '退出（撤销）'}「${p.name}」${d.note ? `，${d.note}` : ''}`,
      before: { status: p.status, decision: prior?.decision ?? null },
      after: { status, decision: d.decision },
    });
  }
  return rolloverList(tx, actor, year);
}

export const STATUS_TEXT = RESERVE_STATUS_LABELS;
