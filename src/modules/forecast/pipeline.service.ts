// Pipeline analytics from stage history ([J] item 1): per unit, industry or origin scope, the
// conversion between stages, the days spent in each (median and quartiles), and drops with reasons.
import type { Tx } from '../../db/database';
import { stageAnalytics, type Move } from '../../domain/forecast';
import { STAGES, STAGE_LABELS } from '../../domain/stages';
import { INDUSTRY_LABELS, labelOf } from '../../domain/labels';
import { ORIGIN_SCOPE_LABELS } from '../../domain/origin';
import type { PipelineAnalyticsDto } from '../../contracts/forecast';
import type { Actor } from '../auth/actor';
import { scoped } from '../auth/scope';

type GroupBy = PipelineAnalyticsDto['groupBy'];
type Row = {
  id: number;
  unit: string;
  unitName: string;
  industry: string | null;
  scope: string | null;
  stage: string;
  reason: string | null;
};

function group(key: string, label: string, rows: Row[], moves: Move[]) {
  const ids = new Set(rows.map((r) => r.id));
  const mine = moves.filter((m) => ids.has(m.projectId));
  const dropped = rows.filter((r) => r.stage === 'dropped');
  const reasons = new Map<string, number>();
  for (const r of dropped) {
    const reason = (r.reason ?? '').trim() || '未填写原因';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return {
    key,
    label,
    projects: rows.length,
    dropped: dropped.length,
    droppedShare: rows.length > 0 ? dropped.length / rows.length : null,
    dropReasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
    stages: stageAnalytics(mine, STAGES).map((s) => ({ ...s, label: STAGE_LABELS[s.stage as keyof typeof STAGE_LABELS] ?? s.stage })),
  };
}

export async function pipelineAnalytics(
  db: Tx,
  actor: Actor,
  q: { groupBy: GroupBy; from?: string | undefined; to?: string | undefined },
): Promise<PipelineAnalyticsDto> {
  let pq = db
    .selectFrom('projects')
    .leftJoin('units', 'units.code', 'projects.unit_code')
    .leftJoin('investors', 'investors.id', 'projects.investor_id')
    .select([
      'projects.id',
      'projects.unit_code',
      'units.name as unit_name',
      'projects.industry',
      'investors.origin_scope',
      'projects.stage',
      'projects.dropped_reason',
      'projects.registered_on',
    ]);
  pq = scoped(pq, 'projects.unit_code', actor);
  if (q.from) pq = pq.where('projects.registered_on', '>=', q.from);
  if (q.to) pq = pq.where('projects.registered_on', '<=', q.to);
  const projects = await pq.execute();
  const rows: Row[] = projects.map((p) => ({
    id: Number(p.id),
    unit: p.unit_code,
    unitName: p.unit_name ?? p.unit_code,
    industry: p.industry,
    scope: p.origin_scope,
    stage: p.stage,
    reason: p.dropped_reason,
  }));
  const ids = rows.map((r) => r.id);
  const moves: Move[] = [];
  // Chunked so that SQLite's bound-parameter limit is never reached.
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const ms = await db.selectFrom('stage_moves').select(['project_id', 'to_stage', 'moved_on']).where('project_id', 'in', chunk).execute();
    for (const m of ms) moves.push({ projectId: Number(m.project_id), toStage: m.to_stage, movedOn: m.moved_on });
  }
  const keyOf = (r: Row): [string, string] => {
    if (q.groupBy === 'unit') return [r.unit, r.unitName];
    if (q.groupBy === 'industry') {
      const k = (r.industry ?? '').slice(0, 1);
      return k ? [k, labelOf(INDUSTRY_LABELS, k)] : ['', '未填行业'];
    }
    const s = r.scope ?? '';
    return s ? [s, labelOf(ORIGIN_SCOPE_LABELS, s)] : ['', '未知来源地'];
  };
  const groups = new Map<string, { label: string; rows: Row[] }>();
  for (const r of rows) {
    const [k, label] = keyOf(r);
    const g = groups.get(k) ?? groups.set(k, { label, rows: [] }).get(k)!;
    g.rows.push(r);
  }
  // Units in the order people know them (counties, zones, departments); other groupings by code.
  const unitOrder = new Map<string, number>();
  if (q.groupBy === 'unit') {
    const us = await db.selectFrom('units').select(['code', 'kind', 'sort']).execute();
    const kindOrder: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };
    us.sort(
      (a, b) => (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) || Number(a.sort) - Number(b.sort) || a.code.localeCompare(b.code),
    ).forEach((u, i) => unitOrder.set(u.code, i));
  }
  const rank = (k: string) => unitOrder.get(k) ?? Number.MAX_SAFE_INTEGER;
  return {
    groupBy: q.groupBy,
    overall: group('*', '合计', rows, moves),
    groups: [...groups]
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
      .map(([k, g]) => group(k, g.label, g.rows, moves)),
  };
}
