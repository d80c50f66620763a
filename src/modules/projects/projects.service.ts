// Projects (项目): the pipeline from first contact to operation. Every read goes through the unit
// scope (`scoped` on projects.unit_code); a project of another unit fetched by id is "not found".
import type { Tx } from '../../db/database';
import type { ProjectRow } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import { ORIGIN_GROUP_PREFIXES } from '../../domain/origin';
import { addDays, isValidDate, todayIso } from '../../domain/period';
import { ALL_STAGES, STAGES, STAGE_LABELS, dateFieldForStage, validateStageMove, type Stage } from '../../domain/stages';
import type { Kanban, MoveCreate, Project, ProjectCreate, ProjectQuery, ProjectUpdate, StageMove } from '../../contracts/projects';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { assertProjectWritable, assertUnitWritable, scopedProjects, scopeUnit } from '../auth/scope';
import { assertInvestorExists } from '../investors/investors.service';
import { moveProjectEntriesToUnit } from './project-move';
import { takeMutex } from '../../db/mutex';

type JoinedRow = ProjectRow & {
  investor_name: string | null;
  origin_scope: string | null;
  unit_name: string | null;
  source_activity_name?: string | null;
};

function tags(s: string): string[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export const toProject = (r: JoinedRow): Project => ({
  id: Number(r.id),
  code: r.code,
  name: r.name,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  owner: r.owner,
  sponsor: r.sponsor,
  investorId: num(r.investor_id),
  investorName: r.investor_name,
  originScope: (r.origin_scope as Project['originScope']) ?? null,
  industry: r.industry,
  projectType: (r.project_type as Project['projectType']) ?? null,
  totalInvestmentYuan: Number(r.total_investment_yuan),
  foreignUsd: Number(r.foreign_usd),
  location: r.location,
  landAreaMu: r.land_area_mu,
  annualOutputYuan: num(r.annual_output_yuan),
  annualTaxYuan: num(r.annual_tax_yuan),
  jobs: num(r.jobs),
  sourceActivityId: num(r.source_activity_id),
  sourceActivityName: r.source_activity_name ?? null,
  channel: (r.channel as Project['channel']) ?? null,
  servingUnitCode: r.serving_unit_code,
  tags: tags(r.tags_json),
  stage: r.stage as Stage,
  registeredOn: r.registered_on,
  agreementDate: r.agreement_date,
  agreementDueDate: r.agreement_due_date,
  contractDate: r.contract_date,
  startDate: r.start_date,
  operatingDate: r.operating_date,
  droppedReason: r.dropped_reason,
  assessedOn: r.assessed_on,
  lastFollowUpOn: r.last_follow_up_on,
  isDemo: !!r.is_demo,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function joined(db: Tx, actor: Actor) {
  return scopedProjects(
    db
      .selectFrom('projects')
      .leftJoin('investors', 'investors.id', 'projects.investor_id')
      .leftJoin('units', 'units.code', 'projects.unit_code')
      // The source activity's name only (it may be another unit's trip that brought this project).
      .leftJoin('activities as src_act', 'src_act.id', 'projects.source_activity_id'),
    actor,
  );
}
type Joined = ReturnType<typeof joined>;

function likeText(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQL filters of the project query; the table, kanban and export share them. */
function applyFilters(qb: Joined, q: Partial<ProjectQuery>): Joined {
  if (q.q) {
    const like = likeText(q.q);
    qb = qb.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['projects.name']), 'like', like),
        eb(eb.fn('lower', ['projects.code']), 'like', like),
        eb(eb.fn('lower', ['investors.name']), 'like', like),
        eb(eb.fn('lower', ['investors.credit_code']), 'like', like),
        eb(eb.fn('lower', ['projects.owner']), 'like', like),
      ]),
    );
  }
  if (q.unitCode) qb = qb.where('projects.unit_code', '=', q.unitCode);
  if (q.stage) qb = qb.where('projects.stage', 'in', q.stage.split(','));
  if (q.industry) qb = qb.where((qb2) => qb2(qb2.fn('lower', ['projects.industry']), 'like', likeText(q.industry!)));
  if (q.originScope) qb = qb.where('investors.origin_scope', 'in', q.originScope.split(','));
  if (q.originGroup) {
    const prefixes = ORIGIN_GROUP_PREFIXES[q.originGroup];
    qb = qb
      .where('investors.origin_kind', '=', 'region')
      .where((eb) => eb.or(prefixes.map((p) => eb('investors.origin_code', 'like', `${p}%`))));
  }
  if (q.minInvestmentYuan !== undefined) qb = qb.where('projects.total_investment_yuan', '>=', q.minInvestmentYuan);
  if (q.maxInvestmentYuan !== undefined) qb = qb.where('projects.total_investment_yuan', '<=', q.maxInvestmentYuan);
  if (q.owner) qb = qb.where((eb) => eb(eb.fn('lower', ['projects.owner']), 'like', likeText(q.owner!)));
  if (q.investorId) qb = qb.where('projects.investor_id', '=', q.investorId);
  if (q.staleDays !== undefined) {
    const cutoff = addDays(todayIso(), -q.staleDays);
    qb = qb.where((eb) => eb.or([eb('projects.last_follow_up_on', 'is', null), eb('projects.last_follow_up_on', '<=', cutoff)]));
  }
  return qb;
}

const SORT_COLUMNS = {
  code: 'projects.code',
  name: 'projects.name',
  unitCode: 'projects.unit_code',
  stage: 'projects.stage',
  totalInvestmentYuan: 'projects.total_investment_yuan',
  lastFollowUpOn: 'projects.last_follow_up_on',
  contractDate: 'projects.contract_date',
  updatedAt: 'projects.updated_at',
  registeredOn: 'projects.registered_on',
} as const;

function selectProject(qb: Joined) {
  return qb
    .selectAll('projects')
    .select([
      'investors.name as investor_name',
      'investors.origin_scope as origin_scope',
      'units.name as unit_name',
      'src_act.name as source_activity_name',
    ]);
}

function sorted<Q extends { orderBy: (...a: any[]) => Q }>(qb: Q, q: Partial<ProjectQuery>): Q {
  const col = SORT_COLUMNS[q.sort ?? 'updatedAt'];
  const dir = q.order ?? (q.sort ? 'asc' : 'desc');
  return qb.orderBy(col, dir).orderBy('projects.id', dir);
}

export async function listProjects(
  db: Tx,
  actor: Actor,
  q: ProjectQuery,
): Promise<{ items: Project[]; total: number; page: number; pageSize: number }> {
  const base = applyFilters(joined(db, actor), q);
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await sorted(selectProject(base), q)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: (rows as JoinedRow[]).map(toProject), total: Number(totalRow?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** Every matching project (for the Excel export), capped. */
export async function listAllProjects(db: Tx, actor: Actor, q: Partial<ProjectQuery>, cap = 50_000): Promise<Project[]> {
  const rows = await sorted(selectProject(applyFilters(joined(db, actor), q)), q)
    .limit(cap)
    .execute();
  return (rows as JoinedRow[]).map(toProject);
}

/** The project if the actor may see it; another unit's project is reported as not found. */
export async function getProjectInScope(db: Tx, actor: Actor, id: number): Promise<Project> {
  const r = await selectProject(joined(db, actor)).where('projects.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', '项目不存在或无权查看');
  return toProject(r as JoinedRow);
}

export async function kanban(db: Tx, actor: Actor, q: Partial<ProjectQuery>, perStage = 200): Promise<Kanban> {
  const base = applyFilters(joined(db, actor), { ...q, stage: undefined });
  const counts = await base
    .select(['projects.stage', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('projects.stage')
    .execute();
  const countOf = new Map(counts.map((c) => [c.stage, Number(c.n)]));
  const wanted = q.stage ? q.stage.split(',') : [...ALL_STAGES];
  const columns: Kanban['columns'] = [];
  for (const stage of ALL_STAGES) {
    if (!wanted.includes(stage)) continue;
    const n = countOf.get(stage) ?? 0;
    const rows =
      n === 0
        ? []
        : await base
            .select([
              'projects.id',
              'projects.code',
              'projects.name',
              'projects.unit_code',
              'projects.owner',
              'investors.name as investor_name',
              'projects.total_investment_yuan',
              'projects.last_follow_up_on',
              'projects.stage',
              'projects.version',
            ])
            .where('projects.stage', '=', stage)
            .orderBy('projects.total_investment_yuan', 'desc')
            .orderBy('projects.id', 'desc')
            .limit(perStage)
            .execute();
    columns.push({
      stage,
      count: n,
      items: rows.map((r) => ({
        id: Number(r.id),
        code: r.code,
        name: r.name,
        unitCode: r.unit_code,
        owner: r.owner,
        investorName: r.investor_name,
        totalInvestmentYuan: Number(r.total_investment_yuan),
        lastFollowUpOn: r.last_follow_up_on,
        stage: r.stage as Stage,
        version: r.version,
      })),
    });
  }
  return { columns };
}

// --- writes ------------------------------------------------------------------------------------

const DATE_FIELDS = [
  'registeredOn',
  'agreementDate',
  'agreementDueDate',
  'contractDate',
  'startDate',
  'operatingDate',
  'assessedOn',
] as const;
const DATE_NAMES: Record<(typeof DATE_FIELDS)[number], string> = {
  registeredOn: '登记日期',
  agreementDate: '协议日期',
  agreementDueDate: '协议转合同期限',
  contractDate: '签约日期',
  startDate: '开工日期',
  operatingDate: '投产日期',
  assessedOn: '研判日期',
};

function checkDates(input: Partial<Record<(typeof DATE_FIELDS)[number], string | null | undefined>>): void {
  const fields: Record<string, string> = {};
  for (const f of DATE_FIELDS) {
    const v = input[f];
    if (v && !isValidDate(v)) fields[f] = `${DATE_NAMES[f]}“${v}”不是有效日期`;
  }
  if (Object.keys(fields).length) throw new AppError('validation', `日期有误：${Object.values(fields).join('；')}`, fields);
}

async function assertUnitExists(db: Tx, code: string, field: string): Promise<void> {
  const u = await db.selectFrom('units').select('code').where('code', '=', code).executeTakeFirst();
  if (!u) throw new AppError('validation', `单位代码 ${code} 不存在，请从列表中选择`, { [field]: '单位不存在' });
}

async function nextProjectCode(db: Tx, unitCode: string, year: string): Promise<string> {
  const prefix = `${unitCode}-${year}-`;
  // Concurrent registrations of one unit and year take turns here (PostgreSQL), so none reads the
  // same highest number; the mutex is held until the registering transaction ends.
  await takeMutex(db, `code:${prefix}`, 'exclusive');
  const rows = await db.selectFrom('projects').select('code').where('code', 'like', `${prefix}%`).execute();
  let max = 0;
  for (const r of rows) {
    const m = /^(\d+)$/.exec(r.code.slice(prefix.length));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${String(max + 1).padStart(3, '0')}`;
}

function optionalToRow(input: { tags?: string[] | undefined }): Record<string, unknown> {
  const map: [keyof ProjectCreate, string][] = [
    ['name', 'name'],
    ['owner', 'owner'],
    ['sponsor', 'sponsor'],
    ['investorId', 'investor_id'],
    ['industry', 'industry'],
    ['projectType', 'project_type'],
    ['totalInvestmentYuan', 'total_investment_yuan'],
    ['foreignUsd', 'foreign_usd'],
    ['location', 'location'],
    ['landAreaMu', 'land_area_mu'],
    ['annualOutputYuan', 'annual_output_yuan'],
    ['annualTaxYuan', 'annual_tax_yuan'],
    ['jobs', 'jobs'],
    ['sourceActivityId', 'source_activity_id'],
    ['channel', 'channel'],
    ['servingUnitCode', 'serving_unit_code'],
    ['registeredOn', 'registered_on'],
    ['agreementDate', 'agreement_date'],
    ['agreementDueDate', 'agreement_due_date'],
    ['contractDate', 'contract_date'],
    ['startDate', 'start_date'],
    ['operatingDate', 'operating_date'],
    ['assessedOn', 'assessed_on'],
    ['droppedReason', 'dropped_reason'],
  ];
  const out: Record<string, unknown> = {};
  for (const [k, col] of map) {
    const v = (input as Record<string, unknown>)[k];
    if (v !== undefined) out[col] = v === '' ? null : v;
  }
  if (input.tags !== undefined) out.tags_json = JSON.stringify(input.tags);
  return out;
}

async function checkReferences(db: Tx, input: Partial<ProjectCreate>): Promise<void> {
  if (input.investorId) await assertInvestorExists(db, input.investorId);
  if (input.servingUnitCode) await assertUnitExists(db, input.servingUnitCode, 'servingUnitCode');
  if (input.foreignUsd !== undefined && input.foreignUsd < 0)
    throw new AppError('validation', '其中外资不能为负', { foreignUsd: '不能为负' });
}

export async function createProject(tx: Tx, actor: Actor, input: ProjectCreate): Promise<Project> {
  requirePermission(actor, 'project.write');
  const own = scopeUnit(actor);
  const unitCode = input.unitCode || (own ?? '');
  if (!unitCode) throw new AppError('validation', '请选择承办单位', { unitCode: '请选择承办单位' });
  assertUnitWritable(actor, unitCode);
  await assertUnitExists(tx, unitCode, 'unitCode');
  checkDates(input);
  await checkReferences(tx, input);
  const stage: Stage = input.stage ?? 'lead';
  const dateField = dateFieldForStage(stage);
  if (dateField && !input[dateField]) {
    const name = DATE_NAMES[dateField];
    throw new AppError('validation', `登记为“${STAGE_LABELS[stage]}”阶段须填写${name}`, { [dateField]: `请填写${name}` });
  }
  if (stage === 'dropped' && !input.droppedReason?.trim()) {
    throw new AppError('validation', '登记为“终止”须填写终止原因', { droppedReason: '请填写终止原因' });
  }
  const today = todayIso();
  const registeredOn = input.registeredOn || today;
  let code = input.code?.trim() || '';
  if (code) {
    const dup = await tx.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirst();
    if (dup)
      throw new AppError(
        'conflict',
        `项目编号 ${code} 已被使用，请换一个或留空由系统生成`,
        { code: '项目编号已存在' },
        { existingId: Number(dup.id) },
      );
  } else {
    code = await nextProjectCode(tx, unitCode, registeredOn.slice(0, 4));
  }
  const t = nowIso();
  const row = await tx
    .insertInto('projects')
    .values({
      ...(optionalToRow(input) as object),
      code,
      name: input.name,
      unit_code: unitCode,
      stage,
      registered_on: registeredOn,
      ...(stage === 'agreement' && !input.agreementDate ? { agreement_date: registeredOn } : {}),
      ...(stage !== 'lead' && !input.assessedOn ? { assessed_on: registeredOn } : {}),
      created_at: t,
      updated_at: t,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const movedOn = (dateField && input[dateField]) || (stage === 'agreement' ? input.agreementDate : null) || registeredOn;
  await tx
    .insertInto('stage_moves')
    .values({
      project_id: id,
      from_stage: null,
      to_stage: stage,
      moved_on: movedOn,
      actor_id: actor.userId,
      actor_name: actor.name,
      reason: stage === 'dropped' ? (input.droppedReason ?? null) : null,
      created_at: t,
    })
    .execute();
  const p = await getProjectInScope(tx, actor, id);
  await audit(tx, actor, {
    action: 'create',
    entity: 'project',
    entityId: id,
    unitCode,
    summary: `登记 项目「${p.name}」（${p.code}）`,
    after: p,
  });
  return p;
}

export async function updateProject(tx: Tx, actor: Actor, id: number, input: ProjectUpdate): Promise<Project> {
  requirePermission(actor, 'project.write');
  const before = await getProjectInScope(tx, actor, id);
  assertProjectWritable(actor, before, 'project');
  checkDates(input);
  await checkReferences(tx, input);
  const patch = optionalToRow(input);
  if (input.unitCode !== undefined && input.unitCode !== before.unitCode) {
    assertUnitWritable(actor, input.unitCode);
    await assertUnitExists(tx, input.unitCode, 'unitCode');
    patch.unit_code = input.unitCode;
  }
  if (input.code !== undefined && input.code !== before.code) {
    const dup = await tx.selectFrom('projects').select('id').where('code', '=', input.code).executeTakeFirst();
    if (dup) throw new AppError('conflict', `项目编号 ${input.code} 已被使用`, { code: '项目编号已存在' }, { existingId: Number(dup.id) });
    patch.code = input.code;
  }
  // The date a reached stage stands on cannot be cleared.
  if (before.stage !== 'dropped') {
    const at = (STAGES as readonly string[]).indexOf(before.stage);
    for (const s of ['contract', 'started', 'operating'] as const) {
      const f = dateFieldForStage(s)!;
      if (at >= STAGES.indexOf(s) && input[f] === null) {
        throw new AppError('validation', `项目已到“${STAGE_LABELS[s]}”阶段，${DATE_NAMES[f]}不能清空`, { [f]: '不能清空' });
      }
    }
  }
  await updateVersioned(tx, 'projects', id, input.version, patch, `项目“${before.name}”`);
  // Funds follow their project (fund_entries.unit_code is the owning unit, kept for statistics),
  // except those a locked period counted: they stay where the locked figures counted them.
  if (patch.unit_code) await moveProjectEntriesToUnit(tx, id, String(patch.unit_code));
  const after = await getProjectInScope(tx, actor, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'project',
    entityId: id,
    unitCode: after.unitCode,
    summary: `修改 项目「${after.name}」（${after.code}）`,
    before,
    after,
  });
  return after;
}

export async function moveProject(tx: Tx, actor: Actor, id: number, input: MoveCreate): Promise<Project> {
  requirePermission(actor, 'project.write');
  const before = await getProjectInScope(tx, actor, id);
  assertProjectWritable(actor, before, 'project');
  const date = input.date || null;
  const reason = input.reason?.trim() || null;
  const v = validateStageMove(before.stage, input.to, { date, reason });
  if (!v.ok) {
    const fields: Record<string, string> = {};
    for (const e of v.errors) fields[e.field] = e.message;
    throw new AppError('validation', v.errors.map((e) => e.message).join('；'), fields);
  }
  if (date && !isValidDate(date)) throw new AppError('validation', `日期“${date}”不是有效日期`, { date: '不是有效日期' });
  const dueDate = input.agreementDueDate || null;
  if (dueDate && !isValidDate(dueDate))
    throw new AppError('validation', `协议转合同期限“${dueDate}”不是有效日期`, { agreementDueDate: '不是有效日期' });
  const movedOn = date ?? todayIso();
  const patch: Record<string, unknown> = { stage: input.to };
  const field = dateFieldForStage(input.to);
  if (field) patch[{ contractDate: 'contract_date', startDate: 'start_date', operatingDate: 'operating_date' }[field]] = movedOn;
  if (input.to === 'agreement') {
    patch.agreement_date = movedOn;
    if (dueDate) patch.agreement_due_date = dueDate;
  }
  if (input.to === 'dropped') patch.dropped_reason = reason;
  else if (before.stage === 'dropped') patch.dropped_reason = null;
  if (before.stage === 'lead' && !before.assessedOn) patch.assessed_on = movedOn;
  await updateVersioned(tx, 'projects', id, input.version, patch, `项目“${before.name}”`);
  await tx
    .insertInto('stage_moves')
    .values({
      project_id: id,
      from_stage: before.stage,
      to_stage: input.to,
      moved_on: movedOn,
      actor_id: actor.userId,
      actor_name: actor.name,
      reason,
      created_at: nowIso(),
    })
    .execute();
  const after = await getProjectInScope(tx, actor, id);
  await audit(tx, actor, {
    action: 'move',
    entity: 'project',
    entityId: id,
    unitCode: after.unitCode,
    summary: `项目「${after.name}」 ${STAGE_LABELS[before.stage]} → ${STAGE_LABELS[input.to]}${reason ? `（${reason}）` : ''}`,
    before: { stage: before.stage },
    after: { stage: after.stage, date: movedOn, reason },
  });
  return after;
}

export async function listMoves(db: Tx, actor: Actor, projectId: number): Promise<StageMove[]> {
  await getProjectInScope(db, actor, projectId);
  const rows = await db.selectFrom('stage_moves').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    projectId: Number(r.project_id),
    from: (r.from_stage as Stage | null) ?? null,
    to: r.to_stage as Stage,
    date: r.moved_on,
    actorName: r.actor_name,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}
