// The to-do inbox: what each user has to look at now, from warnings, supervision tasks,
// follow-ups, monthly submissions, approvals and verifications, within the user's data scope.
import type { Tx } from '../../db/database';
import type { Inbox, InboxItem } from '../../contracts/warnings';
import { addDays, formatPeriod, previousPeriod, currentPeriod, parsePeriod, todayIso } from '../../domain/period';
import { WARNING_RULE_LABELS } from '../../domain/warnings';
import { can, isCityWide, type Actor } from '../auth/actor';
import { scoped } from '../auth/scope';
import { getSettings } from '../settings/settings.service';
import { listWarnings } from '../warnings/warnings.service';
import { leadConflicts } from '../warnings/leads.service';
import { listTasks } from '../supervision/supervision.service';

const COLOUR_LEVEL = { blue: 'blue', yellow: 'yellow', red: 'red', done: 'blue' } as const;
const LEVEL_SORT = { red: 0, yellow: 1, blue: 2 } as const;
const ITEM_LIMIT = 300;

export async function inboxFor(db: Tx, actor: Actor, today = todayIso()): Promise<Inbox> {
  const items: InboxItem[] = [];
  const counts = { total: 0, red: 0, warnings: 0, tasks: 0, followUps: 0, submissions: 0, approvals: 0, verifications: 0 };
  const cityWide = isCityWide(actor);

  if (can(actor, 'business.read')) {
    const { items: warnings } = await listWarnings(db, actor, { status: 'open' });
    counts.warnings = warnings.length;
    for (const w of warnings) {
      items.push({
        kind: 'warning',
        level: w.level,
        title: `${WARNING_RULE_LABELS[w.rule]}${w.projectName ? `：${w.projectName}` : `：${w.unitName ?? w.unitCode}`}`,
        detail: w.message,
        unitCode: w.unitCode,
        link: w.projectId ? `projects/${w.projectId}` : `warnings?unit=${w.unitCode}`,
        date: w.firstSeen,
      });
    }
  }

  // Unit users answer their unit's open tasks; supervisors verify answered ones and watch late ones.
  const tasks = await listTasks(db, actor, { status: 'active' }, today);
  const supervising = can(actor, 'supervision.write');
  for (const t of tasks) {
    const mine = supervising ? t.status === 'answered' || t.colour !== 'blue' : t.status === 'open';
    if (!mine) continue;
    counts.tasks++;
    items.push({
      kind: 'task',
      level: COLOUR_LEVEL[t.colour],
      title: `督办：${t.title}`,
      detail:
        t.status === 'answered'
          ? `${t.unitName ?? t.unitCode} 已反馈，待核验办结`
          : `期限 ${t.deadline}${t.daysLate > 0 ? `，已超期 ${t.daysLate} 天` : ''}`,
      unitCode: t.unitCode,
      link: `supervision/${t.id}`,
      date: t.deadline,
    });
  }

  if (!cityWide && can(actor, 'project.write')) {
    // The next step a follow-up promised, due within a week, unless a later follow-up exists.
    const due = await scoped(
      db
        .selectFrom('follow_ups')
        .innerJoin('projects', 'projects.id', 'follow_ups.project_id')
        .select(['projects.id', 'projects.name', 'projects.unit_code', 'follow_ups.next_date', 'follow_ups.next_step', 'follow_ups.date'])
        .where('follow_ups.next_date', 'is not', null)
        .where('follow_ups.next_date', '<=', addDays(today, 7))
        .where('follow_ups.next_date', '>=', addDays(today, -30))
        .whereRef('follow_ups.date', '>=', 'projects.last_follow_up_on')
        .where('projects.stage', 'not in', ['dropped', 'operating']),
      'projects.unit_code',
      actor,
    )
      .limit(100)
      .execute();
    for (const f of due) {
      counts.followUps++;
      items.push({
        kind: 'follow_up',
        level: f.next_date! < today ? 'yellow' : 'blue',
        title: `跟进：${f.name}`,
        detail: `${f.next_step ?? '计划下次跟进'}（${f.next_date}）`,
        unitCode: f.unit_code,
        link: `projects/${f.id}`,
        date: f.next_date,
      });
    }
  }

  const settings = await getSettings(db);
  const last = formatPeriod(previousPeriod(currentPeriod(new Date(`${today}T04:00:00Z`))));
  if (!cityWide && actor.unitCode && can(actor, 'submission.submit')) {
    const s = await db
      .selectFrom('submissions')
      .select('status')
      .where('unit_code', '=', actor.unitCode)
      .where('period', '=', last)
      .executeTakeFirst();
    if (!s || s.status === 'draft' || s.status === 'returned') {
      const p = parsePeriod(last)!;
      const dueDate =
        formatPeriod(p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 }) +
        `-${String(settings.warnSubmissionDueDay).padStart(2, '0')}`;
      counts.submissions++;
      items.push({
        kind: 'submission',
        level: today > dueDate ? 'yellow' : 'blue',
        title: `报送 ${last} 月报`,
        detail: s?.status === 'returned' ? '月报被退回，请修改后重新报送' : `请于 ${dueDate} 前报送`,
        unitCode: actor.unitCode,
        link: 'funds',
        date: dueDate,
      });
    }
  }
  if (!cityWide && can(actor, 'submission.approve')) {
    const waiting = await scoped(
      db.selectFrom('submissions').select(['unit_code', 'period', 'submitted_at']).where('status', '=', 'submitted'),
      'unit_code',
      actor,
    ).execute();
    for (const s of waiting) {
      counts.approvals++;
      items.push({
        kind: 'approval',
        level: 'blue',
        title: `审核 ${s.period} 月报`,
        detail: '填报员已报送，待单位负责人审核',
        unitCode: s.unit_code,
        link: 'funds/board',
        date: s.submitted_at?.slice(0, 10) ?? null,
      });
    }
  }
  if (can(actor, 'fund.verify')) {
    const waiting = await db
      .selectFrom('fund_entries')
      .select((eb) => ['unit_code', 'period', eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'approved')
      .groupBy(['unit_code', 'period'])
      .orderBy('period')
      .orderBy('unit_code')
      .execute();
    for (const v of waiting) {
      counts.verifications++;
      items.push({
        kind: 'verification',
        level: 'blue',
        title: `核实 ${v.unit_code} ${v.period} 到位资金`,
        detail: `${Number(v.n)} 条已审核，待市招商办核实`,
        unitCode: v.unit_code,
        link: 'funds/verify',
        date: null,
      });
    }
  }

  if (can(actor, 'lead.decide')) {
    for (const c of (await leadConflicts(db, actor)).filter((x) => !x.decision)) {
      counts.warnings++;
      items.push({
        kind: 'warning',
        level: 'yellow',
        title: `首报首谈：${c.projects.map((p) => c.unitNames[p.unitCode]).join(' 与 ')}`,
        detail: `${c.detail}，请决定由哪个单位牵头`,
        unitCode: null,
        link: 'warnings/leads',
        date: null,
      });
    }
  }
  counts.total = counts.warnings + counts.tasks + counts.followUps + counts.submissions + counts.approvals + counts.verifications;
  counts.red = items.filter((i) => i.level === 'red').length;
  items.sort((a, b) => LEVEL_SORT[a.level] - LEVEL_SORT[b.level] || (a.date ?? '9').localeCompare(b.date ?? '9'));
  return { counts, items: items.slice(0, ITEM_LIMIT) };
}
