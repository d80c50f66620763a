// Meeting decisions (议定事项): what each dispatch meeting decided — what, which unit, by when —
// kept as supervision tasks of that meeting's period, so they are answered and verified the same
// way; the next month's briefing opens with their status (the monthly loop).
import type { Tx } from '../../db/database';
import type { StatsScope } from '../stats/stats.service';
import { formatPeriod, previousPeriod, todayIso, type Period } from '../../domain/period';

export type MeetingDecisionLine = {
  index: number;
  title: string;
  unitName: string;
  deadline: string;
  statusText: string;
  overdue: boolean;
};
export type MeetingLoop = { heading: string; intro: string; lines: string[]; decisions: MeetingDecisionLine[] };

/**
 * The status of the decisions of the previous meeting, for the briefing of `scope.period`: the
 * meeting that discussed period P−1 decided them; the briefing of P opens with how they went.
 */
export async function meetingLoop(db: Tx, scope: Pick<StatsScope, 'period' | 'unitCode'>, today = todayIso()): Promise<MeetingLoop> {
  const meeting = formatPeriod(previousPeriod(scope.period as Period));
  let q = db
    .selectFrom('supervision_tasks')
    .leftJoin('units', 'units.code', 'supervision_tasks.unit_code')
    .select([
      'supervision_tasks.title',
      'supervision_tasks.deadline',
      'supervision_tasks.status',
      'supervision_tasks.closed_on',
      'supervision_tasks.unit_code',
      'units.name as unit_name',
    ])
    .where('supervision_tasks.meeting_period', '=', meeting);
  if (scope.unitCode) q = q.where('supervision_tasks.unit_code', '=', scope.unitCode);
  const rows = await q.orderBy('supervision_tasks.id').execute();
  const decisions = rows.map((r, i) => {
    const overdue = r.status !== 'closed' && r.deadline < today;
    const statusText =
      r.status === 'closed' ? `已办结（${r.closed_on}）` : r.status === 'answered' ? '已反馈，待核验' : overdue ? '逾期未办结' : '正在办理';
    return { index: i + 1, title: r.title, unitName: r.unit_name ?? r.unit_code, deadline: r.deadline, statusText, overdue };
  });
  const done = decisions.filter((d) => d.statusText.startsWith('已办结')).length;
  const late = decisions.filter((d) => d.overdue).length;
  const intro = decisions.length
    ? `上次调度会（${meeting}）议定事项${decisions.length}项，已办结${done}项，正在办理${decisions.length - done - late}项，逾期未办结${late}项。`
    : `上次调度会（${meeting}）没有登记议定事项。`;
  return {
    heading: '上次调度会议定事项落实情况',
    intro,
    lines: decisions.map((d) => `${d.index}. ${d.title}（${d.unitName}，${d.deadline}前）：${d.statusText}。`),
    decisions,
  };
}
