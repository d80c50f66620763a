// Read models around projects: the timeline, the Excel export, saved filters.
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { formatWan, formatWanUsd, yuanToWanText } from '../../domain/money';
import { STAGE_LABELS, STAGE_LEDGER_LABELS, type Stage } from '../../domain/stages';
import { FOLLOW_UP_KIND_LABELS, PROJECT_TYPE_LABELS, labelOf } from '../../domain/labels';
import { ORIGIN_SCOPE_LABELS } from '../../domain/origin';
import type { ProjectQuery, SavedFilter, TimelineItem } from '../../contracts/projects';
import { audit, nowIso } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { getProjectInScope, listAllProjects } from './projects.service';

const FUND_STATUS_TEXT: Record<string, string> = {
  draft: '草稿',
  submitted: '待核实',
  approved: '已审核',
  verified: '已核实',
  returned: '已退回',
};

/**
 * Fund entries of one project as timeline items. The funds module ([C]) owns fund_entries;
 * this reads them only for the project page and can be replaced by its own function.
 */
export async function fundTimelineItems(db: Tx, projectId: number): Promise<TimelineItem[]> {
  const rows = await db
    .selectFrom('fund_entries')
    .select(['id', 'period', 'amount_yuan', 'foreign_usd', 'status', 'note'])
    .where('project_id', '=', projectId)
    .orderBy('period')
    .execute();
  return rows.map((r) => ({
    kind: 'fund' as const,
    id: Number(r.id),
    date: `${r.period}-01`,
    title: `${r.period} 到位资金 ${formatWan(Number(r.amount_yuan))}${Number(r.foreign_usd) ? `（其中外资 ${formatWanUsd(Number(r.foreign_usd))}）` : ''}`,
    detail: [FUND_STATUS_TEXT[r.status] ?? r.status, r.note].filter(Boolean).join('；') || null,
    who: null,
  }));
}

/** One timeline: stage moves, follow-ups, blockers, commitments and fund entries, newest first. */
export async function projectTimeline(db: Tx, actor: Actor, projectId: number): Promise<TimelineItem[]> {
  await getProjectInScope(db, actor, projectId);
  const [moves, follows, blockers, commitments, funds] = await Promise.all([
    db.selectFrom('stage_moves').selectAll().where('project_id', '=', projectId).execute(),
    db.selectFrom('follow_ups').selectAll().where('project_id', '=', projectId).execute(),
    db.selectFrom('blockers').selectAll().where('project_id', '=', projectId).execute(),
    db.selectFrom('commitments').selectAll().where('project_id', '=', projectId).execute(),
    fundTimelineItems(db, projectId),
  ]);
  const items: (TimelineItem & { seq: string })[] = [];
  for (const m of moves) {
    const to = STAGE_LABELS[m.to_stage as Stage] ?? m.to_stage;
    items.push({
      kind: 'move',
      id: Number(m.id),
      date: m.moved_on,
      seq: m.created_at,
      title: m.from_stage ? `阶段：${STAGE_LABELS[m.from_stage as Stage] ?? m.from_stage} → ${to}` : `登记项目（${to}）`,
      detail: m.reason,
      who: m.actor_name,
    });
  }
  for (const f of follows) {
    items.push({
      kind: 'follow_up',
      id: Number(f.id),
      date: f.date,
      seq: f.created_at,
      title: `${labelOf(FOLLOW_UP_KIND_LABELS, f.kind)}：${f.content.slice(0, 60)}`,
      detail:
        [
          f.participants ? `参加人员：${f.participants}` : null,
          f.next_step ? `下一步：${f.next_step}${f.next_date ? `（${f.next_date}）` : ''}` : null,
        ]
          .filter(Boolean)
          .join('；') || null,
      who: null,
    });
  }
  for (const b of blockers) {
    items.push({
      kind: 'blocker',
      id: Number(b.id),
      date: b.created_at.slice(0, 10),
      seq: b.created_at,
      title: `困难问题：${b.title}${b.status === 'resolved' ? '（已解决）' : ''}`,
      detail:
        [
          b.coordinating_dept ? `协调部门：${b.coordinating_dept}` : null,
          b.due_date ? `期限：${b.due_date}` : null,
          b.resolution ? `办理结果：${b.resolution}` : null,
        ]
          .filter(Boolean)
          .join('；') || null,
      who: null,
    });
  }
  for (const c of commitments) {
    items.push({
      kind: 'commitment',
      id: Number(c.id),
      date: c.created_at.slice(0, 10),
      seq: c.created_at,
      title: `承诺事项：${c.title}${c.status === 'fulfilled' ? '（已兑现）' : ''}`,
      detail: [c.due_date ? `期限：${c.due_date}` : null, c.evidence ? `佐证：${c.evidence}` : null].filter(Boolean).join('；') || null,
      who: null,
    });
  }
  for (const f of funds) items.push({ ...f, seq: '' });
  items.sort((a, b) => b.date.localeCompare(a.date) || b.seq.localeCompare(a.seq) || b.id - a.id);
  return items.map(({ seq: _seq, ...rest }) => rest);
}

/** The project table as shown (same filters and sort), as an .xlsx workbook. */
export async function exportProjects(db: Tx, actor: Actor, q: Partial<ProjectQuery>): Promise<Buffer> {
  const items = await listAllProjects(db, actor, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商引资调度平台';
  const ws = wb.addWorksheet('项目');
  ws.columns = [
    { header: '项目编号', key: 'code', width: 18 },
    { header: '项目名称', key: 'name', width: 32 },
    { header: '承办单位代码', key: 'unitCode', width: 12 },
    { header: '承办单位', key: 'unitName', width: 16 },
    { header: '责任人', key: 'owner', width: 10 },
    { header: '包保领导', key: 'sponsor', width: 10 },
    { header: '投资方', key: 'investorName', width: 28 },
    { header: '投资方来源', key: 'originScope', width: 10 },
    { header: '行业', key: 'industry', width: 14 },
    { header: '项目类型', key: 'projectType', width: 10 },
    { header: '总投资(万元)', key: 'total', width: 14 },
    { header: '其中外资(万美元)', key: 'foreign', width: 14 },
    { header: '阶段', key: 'stage', width: 8 },
    { header: '签约日期', key: 'contractDate', width: 12 },
    { header: '开工日期', key: 'startDate', width: 12 },
    { header: '投产日期', key: 'operatingDate', width: 12 },
    { header: '协议转合同期限', key: 'agreementDueDate', width: 14 },
    { header: '最近跟进', key: 'lastFollowUpOn', width: 12 },
  ];
  for (const p of items) {
    ws.addRow({
      code: p.code,
      name: p.name,
      unitCode: p.unitCode,
      unitName: p.unitName ?? '',
      owner: p.owner ?? '',
      sponsor: p.sponsor ?? '',
      investorName: p.investorName ?? '',
      originScope: p.originScope ? ORIGIN_SCOPE_LABELS[p.originScope] : '',
      industry: p.industry ?? '',
      projectType: p.projectType ? PROJECT_TYPE_LABELS[p.projectType] : '',
      total: Number(yuanToWanText(p.totalInvestmentYuan)),
      foreign: Number(yuanToWanText(p.foreignUsd)),
      stage: STAGE_LEDGER_LABELS[p.stage],
      contractDate: p.contractDate ?? '',
      startDate: p.startDate ?? '',
      operatingDate: p.operatingDate ?? '',
      agreementDueDate: p.agreementDueDate ?? '',
      lastFollowUpOn: p.lastFollowUpOn ?? '',
    });
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.getColumn('total').numFmt = '0.####';
  ws.getColumn('foreign').numFmt = '0.####';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// --- saved filters (per user) ------------------------------------------------------------------

function ownUser(actor: Actor): number {
  if (actor.userId === null) throw new AppError('forbidden', '保存的筛选条件属于登录用户，API令牌不能使用');
  return actor.userId;
}

const toSaved = (r: { id: number; scope: string; name: string; query_json: string; created_at: string }): SavedFilter => {
  let query: Record<string, unknown> = {};
  try {
    query = JSON.parse(r.query_json) as Record<string, unknown>;
  } catch {
    /* keep empty */
  }
  return { id: Number(r.id), scope: r.scope, name: r.name, query, createdAt: r.created_at };
};

export async function listSavedFilters(db: Tx, actor: Actor, scope: string): Promise<SavedFilter[]> {
  const rows = await db
    .selectFrom('saved_filters')
    .selectAll()
    .where('user_id', '=', ownUser(actor))
    .where('scope', '=', scope)
    .orderBy('name')
    .execute();
  return rows.map(toSaved);
}

export async function createSavedFilter(
  tx: Tx,
  actor: Actor,
  input: { scope: string; name: string; query: Record<string, unknown> },
): Promise<SavedFilter> {
  const userId = ownUser(actor);
  const json = JSON.stringify(input.query);
  if (json.length > 4000) throw new AppError('validation', '筛选条件过长', { query: '过长' });
  const dup = await tx
    .selectFrom('saved_filters')
    .select('id')
    .where('user_id', '=', userId)
    .where('scope', '=', input.scope)
    .where('name', '=', input.name)
    .executeTakeFirst();
  if (dup)
    throw new AppError('conflict', `已有名为“${input.name}”的筛选，请换一个名称`, { name: '名称已存在' }, { existingId: Number(dup.id) });
  const row = await tx
    .insertInto('saved_filters')
    .values({ user_id: userId, scope: input.scope, name: input.name, query_json: json, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
  const f = toSaved(row);
  await audit(tx, actor, { action: 'create', entity: 'saved_filter', entityId: f.id, summary: `保存筛选 ${f.name}`, after: f });
  return f;
}

export async function deleteSavedFilter(tx: Tx, actor: Actor, id: number): Promise<void> {
  const userId = ownUser(actor);
  const r = await tx.selectFrom('saved_filters').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!r) throw new AppError('not_found', '筛选不存在');
  await tx.deleteFrom('saved_filters').where('id', '=', id).execute();
  await audit(tx, actor, { action: 'delete', entity: 'saved_filter', entityId: id, summary: `删除筛选 ${r.name}`, before: toSaved(r) });
}
