// The dispatch briefing (调度会讲话稿): the text the mayor reads, built from the dispatch statistics
// and filled into an editable Word template (docxtemplater). The city office can download the
// template, edit it in Word and upload it back; the default one is built here.
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { formatPeriod } from '../../domain/period';
import { formatGrowth, formatPercent, formatWan, formatYi } from '../../domain/money';
import type { Stage } from '../../domain/stages';
import { briefingFigures, describeGap, isBehind, monthlyNeededText, type BriefingFigures } from '../../domain/stats';
import { timeProgressGap } from '../../domain/stats.definitions';
import type { SpeechIssue } from '../../contracts/stats';
import type { BriefingDto, BriefingTemplateInfo } from '../../contracts/reports';
import type { Actor } from '../auth/actor';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission } from '../auth/actor';
import { getSettings } from '../settings/settings.service';
import { dispatchStats, type StatsScope } from '../stats/stats.service';
import { withSpeech, type DispatchStatsWithSpeech } from '../stats/speech.service';
import { buildDefaultBriefingTemplate } from './briefing.template';

export const BRIEFING_TEMPLATE_KEY = 'briefing-template';
import { DOCX_MIME } from '../../contracts/files';
import { meetingLoop } from '../meetings/meetings.service';
import { forecast } from '../forecast/forecast.service';
import { activityBriefingSentence } from '../activities/activities.stats';
import type { ActivityDispatch } from '../../contracts/activities';
import { SYSTEM_ACTOR } from '../auth/actor';

type Built = { dto: BriefingDto; stats: DispatchStatsWithSpeech; figures: BriefingFigures };

const STAGE_WORDS: [Stage, string][] = [
  ['lead', '已建立联系'],
  ['negotiating', '在谈'],
  ['intent', '意向'],
  ['agreement', '协议'],
  ['contract', '合同签约'],
  ['started', '开工'],
  ['operating', '投产'],
];

/** "，逾期31天" for an overdue item, '' otherwise. */
const overdueMark = (days: number | null) => (days === null ? '' : `，逾期${days}天`);

function issueLine(i: SpeechIssue, index: number): string {
  if (i.kind === 'commitment') {
    return `${index}. ${i.projectName}（${i.unitName}）：${i.title}${i.dueDate ? `，应于${i.dueDate}前兑现` : ''}${overdueMark(i.daysOverdue)}。`;
  }
  const dept = i.coordinatingDept ? `（协调部门：${i.coordinatingDept}）` : '';
  return `${index}. ${i.projectName}（${i.unitName}）：${i.title}${dept}${i.dueDate ? `，要求${i.dueDate}前解决` : ''}${overdueMark(i.daysOverdue)}。`;
}

/** The briefing for one period and scope: sections of text, the ranking table and open blockers. */
export async function buildBriefing(db: Tx, scope: StatsScope): Promise<Built> {
  const settings = await getSettings(db);
  const stats = await withSpeech(db, scope, await dispatchStats(db, scope));
  const sp = stats.speech;
  const f = briefingFigures(stats);
  const unitName = scope.unitCode
    ? ((await db.selectFrom('units').select('name').where('code', '=', scope.unitCode).executeTakeFirst())?.name ?? scope.unitCode)
    : null;
  const who = unitName ?? `全市`;
  const scopeName = unitName ?? settings.cityName;
  const s = stats;
  const isUnit = scope.unitCode !== null;
  // A unit's own briefing leaves out a line whose figures are all zero (no 「0次、0人次」).
  const line = (text: string, ...figures: number[]) => (isUnit && figures.every((x) => x === 0) ? '' : text);
  const monthEnd = `${s.period.month}月底`;

  // --- progress paragraph
  let lead = `${f.periodText}，${who}实际到位资金${f.fundsYi}`;
  if (s.completion !== null) {
    lead += `，完成全年确保目标（${f.targetBaseYi}）的${f.completionText}`;
    if (s.completionStretch !== null) lead += `、力争目标（${f.targetStretchYi}）的${f.completionStretchText}`;
    lead += `，${describeGap(timeProgressGap(s.completion, s.timeProgress))}（时间进度${f.timeProgressText}）`;
  }
  lead += `，${f.yoyText}。`;
  const foreignText = line(
    `其中，利用外资${f.foreignText}；域外资金${f.outsideRegionYi}，占${f.outsideRegionShareText}，` +
      `其中省外资金${f.outOfProvinceYi}（含境外${f.abroadYi}）。`,
    s.foreignUsdYtd,
    s.outsideRegionYtdYuan,
  );
  const needBase = monthlyNeededText(sp.monthsLeft, sp.monthlyNeededBaseYuan);
  let needText = '';
  if (sp.monthlyNeededBaseYuan !== null && sp.monthlyNeededBaseYuan > 0) {
    needText = `${needBase}才能完成确保目标`;
    if (sp.monthlyNeededStretchYuan !== null && sp.monthlyNeededStretchYuan > 0) {
      needText += `，完成力争目标需月均到位${formatYi(sp.monthlyNeededStretchYuan)}`;
    }
    needText += '。';
  } else if (sp.monthlyNeededBaseYuan === 0) {
    needText =
      sp.monthlyNeededStretchYuan !== null && sp.monthlyNeededStretchYuan > 0
        ? `已完成全年确保目标，距年底还有${sp.monthsLeft}个月，完成力争目标需月均到位${formatYi(sp.monthlyNeededStretchYuan)}。`
        : '已完成全年目标。';
  }
  const countingRuleText =
    (sp.countLocalFundsInHeadline ? '本材料招商引资额含本地投资方到位资金。' : '本材料招商引资额不含本地投资方到位资金。') +
    (scope.basis === 'reported' ? '到位资金按各单位报送数统计（含尚未核实的资金）。' : '');
  const progressText = `${lead}${foreignText}${needText}`;

  // --- work still open in the period (the figures count verified entries only)
  const pendingParts: string[] = [];
  if (sp.pending.unsubmitted.length) {
    const names = sp.pending.unsubmitted.map((u) => (u.draftYuan ? `${u.name}（已填未报${formatYi(u.draftYuan)}）` : u.name)).join('、');
    pendingParts.push(
      isUnit
        ? `${s.period.month}月月报尚未报送${sp.pending.unsubmitted[0]!.draftYuan ? `（已填未报${formatYi(sp.pending.unsubmitted[0]!.draftYuan)}）` : ''}`
        : `${sp.pending.unsubmitted.length}个单位${s.period.month}月月报尚未报送：${names}`,
    );
  }
  if (sp.pending.unverifiedEntries) {
    pendingParts.push(`${sp.pending.unverifiedEntries}笔到位资金共${formatYi(sp.pending.unverifiedYuan)}尚未核实，未计入以上数字`);
  }
  const pendingText = pendingParts.length ? `截至目前，${pendingParts.join('；')}。` : '';
  // [J] Where the year will likely end (official basis only: the forecast counts verified funds).
  const fc =
    scope.basis === 'verified'
      ? await forecast(db, SYSTEM_ACTOR, { asOf: formatPeriod(s.period), unit: scope.unitCode ?? undefined }).catch(() => null)
      : null;
  const forecastText = fc ? fc.sentence : '';

  const quartersText = f.quarters
    .filter((_q, i) => !isUnit || s.quarters[i]!.fundsYuan !== 0 || s.quarters[i]!.lastYearYuan !== 0)
    .map((q) => q.text)
    .join('；');
  const largeText = line(
    `${f.largeProjectsThresholdWan}以上域外重大项目${f.largeProjectsCount}个，到位资金${f.largeProjectsFundsYi}，占到位资金总额的${f.largeProjectsShareText}。`,
    s.largeProjects.count,
  );
  const reserveText = line(`储备${f.reserveThresholdWan}以上招商项目${f.reserveCount}个，总投资${f.reserveTotalYi}。`, s.reserve.count);
  // With the activity figures ([F]): what the activities brought — contracts, investment, delegations, regions.
  const ad = (s as { activityDetail?: ActivityDispatch }).activityDetail;
  const activitiesText =
    ad && ad.activities > 0
      ? activityBriefingSentence(ad)
      : line(`组织招商小分队外出招商${f.tripsCount}次、${f.personTimes}人次。`, s.activities.trips, s.activities.personTimes);
  const contractsText = line(`新签约项目${f.contractsCount}个，总投资${f.contractsTotalYi}。`, s.contractsYtd.count);
  const countTotal = (word: string, x: { count: number; totalInvestmentYuan: number }) =>
    x.count ? `${word}项目${x.count}个，总投资${formatYi(x.totalInvestmentYuan)}` : `暂无${word}项目`;
  const startsText = line(
    `${countTotal('新开工', sp.startsYtd)}；${countTotal('新投产', sp.operatingYtd)}。`,
    sp.startsYtd.count,
    sp.operatingYtd.count,
  );
  const stageParts = STAGE_WORDS.filter(([st]) => sp.stageCountsAtPeriodEnd[st] > 0).map(
    ([st, w]) => `${w}${sp.stageCountsAtPeriodEnd[st]}个`,
  );
  const stagesText = stageParts.length ? `截至${monthEnd}，在库项目中${stageParts.join('、')}。` : '';
  const projectsText = `${largeText}${reserveText}${activitiesText}${contractsText}${startsText}${stagesText}`;

  // --- ranking
  const spUnit = new Map(sp.units.map((u) => [u.code, u]));
  const ranked = [...s.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const units = ranked.map((u) => {
    const x = spUnit.get(u.code);
    return {
      rank: u.rank === null ? '—' : String(u.rank),
      code: u.code,
      name: u.name,
      targetYi: u.targetBaseYuan === null ? '—' : formatYi(u.targetBaseYuan),
      targetStretchYi: x?.targetStretchYuan == null ? '—' : formatYi(x.targetStretchYuan),
      fundsYi: formatYi(u.fundsYtdYuan),
      completionText: formatPercent(u.completion),
      completionStretchText: formatPercent(x?.completionStretch ?? null),
      yoyText: formatGrowth(u.yoy).replace('同比', ''),
      gapText: describeGap(timeProgressGap(u.completion, s.timeProgress), 'short'),
      monthlyNeededText: x?.monthlyNeededBaseYuan == null ? '—' : formatYi(x.monthlyNeededBaseYuan),
      behind: isBehind(u.completion, s.timeProgress),
    };
  });
  const top = ranked
    .filter((u) => u.rank !== null)
    .slice(0, 3)
    .map((u) => u.name);
  const rankingText = isUnit
    ? units[0] && units[0].rank !== '—'
      ? `${who}到位资金完成率在全市各地各部门中排第${units[0].rank}位。`
      : `${who}未下达到位资金目标，不参加排名。`
    : top.length
      ? `按到位资金完成率排序，排在前列的是${top.join('、')}。`
      : '各单位均未下达到位资金目标，暂不排名。';
  const behindText = isUnit
    ? ''
    : f.behindUnitNames
      ? `落后于时间进度（${f.timeProgressText}）的有：${f.behindUnitNames}。`
      : `各单位完成率均不低于时间进度（${f.timeProgressText}）。`;
  const zeroText = isUnit
    ? s.zeroResultUnits.length
      ? `截至${monthEnd}${who}仍无实绩（无到位资金、无签约项目）。`
      : ''
    : f.zeroResultUnitNames
      ? `截至${monthEnd}仍无实绩（无到位资金、无签约项目）的有：${f.zeroResultUnitNames}。`
      : '各单位均已有实绩。';
  const needy = isUnit ? [] : ranked.filter((u) => (spUnit.get(u.code)?.monthlyNeededBaseYuan ?? 0) > 0);
  const unitsNeedText = needy.length
    ? `距年底还有${sp.monthsLeft}个月，完成确保目标各单位需月均到位：` +
      needy.map((u) => `${u.name}${formatYi(spUnit.get(u.code)!.monthlyNeededBaseYuan!)}`).join('、') +
      '。'
    : '';

  // --- blockers and commitments: counts, the overdue ones and the largest projects' read out
  const bl = sp.blockers;
  const cm = sp.commitments;
  const readBlockers = bl.items
    .filter((i) => i.readOut)
    .sort((a, b) => (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) || b.totalInvestmentYuan - a.totalInvestmentYuan || a.id - b.id);
  const readCommitments = cm.items.filter((i) => i.readOut).sort((a, b) => (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) || a.id - b.id);
  const toRow = (i: SpeechIssue, index: number) => ({
    index,
    kind: i.kind === 'blocker' ? '困难问题' : '承诺事项',
    projectCode: i.projectCode,
    projectName: i.projectName,
    unitName: i.unitName,
    title: i.title,
    dueDate: i.dueDate ?? '',
    coordinatingDept: i.coordinatingDept ?? '',
    overdueText: i.daysOverdue === null ? '' : `逾期${i.daysOverdue}天`,
    daysOverdue: i.daysOverdue,
  });
  const blockers = readBlockers.map((b, k) => toRow(b, k + 1));
  const overdueCommitments = readCommitments.map((c, k) => toRow(c, k + 1));
  const annex = [...bl.items, ...cm.items].map((i, k) => toRow(i, k + 1));
  let blockersIntro: string;
  if (!bl.open && !cm.open) blockersIntro = `截至${monthEnd}，没有需要协调解决的困难问题和未兑现的承诺事项。`;
  else {
    const b = bl.open
      ? `需要协调解决的困难问题${bl.open}个${bl.overdue ? `，其中逾期未解决${bl.overdue}个` : ''}`
      : '没有需要协调解决的困难问题';
    const c = cm.open ? `未兑现的承诺事项${cm.open}个${cm.overdue ? `，其中逾期${cm.overdue}个` : ''}` : '没有未兑现的承诺事项';
    blockersIntro = `截至${monthEnd}，${b}；${c}。`;
    if (blockers.length) {
      const top = blockers.length - bl.overdue;
      const which =
        bl.overdue && top
          ? `逾期的${bl.overdue}个问题和投资额较大项目的${top}个问题`
          : bl.overdue
            ? `逾期的${bl.overdue}个问题`
            : `投资额较大项目的${top}个问题`;
      blockersIntro += `现将${which}通报如下${annex.length > blockers.length + overdueCommitments.length ? '（全部清单见附件）' : ''}：`;
    }
  }
  const blockerLines = readBlockers.map((b, k) => issueLine(b, k + 1));
  const commitmentsIntro = readCommitments.length ? `逾期未兑现的承诺事项${readCommitments.length}个：` : '';
  const commitmentLines = readCommitments.map((c, k) => issueLine(c, k + 1));

  const loop = await meetingLoop(db, scope); // [G] the briefing opens with the last meeting's decisions
  const periodLabel = formatPeriod(s.period);
  const title = `${scopeName}招商引资工作调度会讲话`;
  const data: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')),
    cityName: settings.cityName,
    title,
    scopeName,
    who,
    period: periodLabel,
    reportDate: nowIso().slice(0, 10),
    progressText,
    quartersText: quartersText ? `${quartersText}。` : '',
    largeText,
    reserveText,
    activitiesText,
    contractsText,
    startsText,
    stagesText,
    projectsText,
    needText,
    unitsNeedText,
    countingRuleText,
    pendingText,
    rankingText,
    behindText,
    zeroText,
    blockersIntro,
    commitmentsIntro,
    fundsWanText: formatWan(s.fundsYtdYuan),
    outOfProvinceText: `省外资金${f.outOfProvinceYi}（含境外${f.abroadYi}）`,
    monthsLeft: String(sp.monthsLeft),
    monthlyNeededBaseYi: sp.monthlyNeededBaseYuan === null ? '—' : formatYi(sp.monthlyNeededBaseYuan),
    monthlyNeededStretchYi: sp.monthlyNeededStretchYuan === null ? '—' : formatYi(sp.monthlyNeededStretchYuan),
    startsCount: String(sp.startsYtd.count),
    startsTotalYi: formatYi(sp.startsYtd.totalInvestmentYuan),
    operatingCount: String(sp.operatingYtd.count),
    operatingTotalYi: formatYi(sp.operatingYtd.totalInvestmentYuan),
    blockersOpen: String(bl.open),
    blockersOverdue: String(bl.overdue),
    commitmentsOpen: String(cm.open),
    commitmentsOverdue: String(cm.overdue),
    unsubmittedCount: String(sp.pending.unsubmitted.length),
    unverifiedCount: String(sp.pending.unverifiedEntries),
    unverifiedYi: formatYi(sp.pending.unverifiedYuan),
    units,
    blockers,
    overdueCommitments,
    annex,
    hasBlockers: blockers.length > 0,
    noBlockers: blockers.length === 0,
    hasOverdueCommitments: overdueCommitments.length > 0,
    hasAnnex: annex.length > 0,
    decisionsIntro: loop.decisions.length ? loop.intro : '',
    decisions: loop.decisions,
    forecastText,
  };
  const sections = [
    // [G] The monthly loop: the briefing opens with the status of the last meeting's decisions.
    ...(loop.decisions.length ? [{ heading: loop.heading, paragraphs: [loop.intro, ...loop.lines] }] : []),
    {
      heading: `一、${f.periodText}${who}招商引资工作进展情况`,
      paragraphs: [progressText, forecastText, quartersText ? `${quartersText}。` : '', projectsText, pendingText, countingRuleText].filter(
        Boolean,
      ),
    },
    { heading: '二、各地各部门完成情况', paragraphs: [rankingText, behindText, zeroText, unitsNeedText].filter(Boolean) },
    {
      heading: '三、需要协调解决的困难问题和承诺事项',
      paragraphs: [blockersIntro, ...blockerLines, commitmentsIntro, ...commitmentLines].filter(Boolean),
    },
  ];
  if (annex.length) {
    sections.push({
      heading: '附件：困难问题和承诺事项清单',
      paragraphs: annex.map(
        (a) =>
          `${a.index}. 【${a.kind}】${a.projectName}（${a.unitName}）：${a.title}${a.dueDate ? `，期限${a.dueDate}` : ''}${a.overdueText ? `，${a.overdueText}` : ''}`,
      ),
    });
  }
  const dto: BriefingDto = { period: periodLabel, title, scopeName, sections, units, blockers, annex, data };
  return { dto, stats, figures: f };
}

// --- template store -------------------------------------------------------------------------

export async function currentTemplate(db: Tx): Promise<{ data: Buffer; custom: boolean; filename: string; updatedAt: string | null }> {
  const row = await db.selectFrom('documents').selectAll().where('key', '=', BRIEFING_TEMPLATE_KEY).executeTakeFirst();
  if (row) return { data: Buffer.from(row.data), custom: true, filename: row.filename, updatedAt: row.updated_at };
  return { data: await buildDefaultBriefingTemplate(), custom: false, filename: '调度会讲话稿模板.docx', updatedAt: null };
}

function render(template: Buffer, data: Record<string, unknown>): Buffer {
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true, nullGetter: () => '', errorLogging: false });
    doc.render(data);
  } catch (err) {
    throw templateError(err);
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

function templateError(err: unknown): AppError {
  type P = { id?: string; explanation?: string; xtag?: string; context?: string };
  const e = err as { properties?: P & { errors?: { properties?: P }[] }; message?: string };
  const zh = (p: P | undefined): string => {
    if (!p) return '';
    const tag = p.xtag ?? p.context ?? '';
    switch (p.id) {
      case 'unclosed_tag':
        return `“${p.context ?? tag}”缺少右花括号 }`;
      case 'unopened_tag':
        return `“${p.context ?? tag}”缺少左花括号 {`;
      case 'unclosed_loop':
        return `循环 {#${tag}} 没有对应的 {/${tag}}`;
      case 'unopened_loop':
        return `{/${tag}} 前面没有对应的 {#${tag}}`;
      case 'closing_tag_does_not_match_opening_tag':
        return `循环的开始和结束不匹配（${tag}）`;
      case 'duplicate_open_tag':
      case 'duplicate_close_tag':
        return `“${tag}”处花括号重复`;
      default:
        return p.explanation ?? tag;
    }
  };
  const list = e.properties?.errors?.length ? e.properties.errors.map((x) => x.properties) : [e.properties];
  const details = list.map(zh).filter(Boolean);
  const msg = details.length ? details.slice(0, 5).join('；') : (e.message ?? '无法读取');
  return new AppError(
    'validation',
    `Word模板有误：${msg}。请检查占位符的花括号是否成对、循环 {#units}…{/units} 是否闭合，修改后重新上传，或恢复默认模板`,
  );
}

/** Fills the (custom or default) template with the briefing of a scope. */
export async function renderBriefingDocx(db: Tx, scope: StatsScope): Promise<{ buffer: Buffer; filename: string; dto: BriefingDto }> {
  const { dto } = await buildBriefing(db, scope);
  const tpl = await currentTemplate(db);
  const buffer = render(tpl.data, dto.data);
  return { buffer, filename: `${dto.scopeName}招商引资调度会讲话稿-${dto.period}.docx`, dto };
}

export async function saveTemplate(tx: Tx, actor: Actor, filename: string, data: Buffer): Promise<void> {
  requirePermission(actor, 'target.write');
  if (data.length === 0) throw new AppError('validation', '上传的文件是空的，请选择 Word 模板（.docx）');
  let zip: PizZip;
  try {
    zip = new PizZip(data);
  } catch {
    throw new AppError('validation', '上传的文件不是 Word 文档（.docx），请在 Word 中“另存为 .docx”后再上传');
  }
  if (!zip.file('word/document.xml'))
    throw new AppError('validation', '上传的文件不是 Word 文档（.docx），请在 Word 中“另存为 .docx”后再上传');
  // A trial fill with empty data catches broken tags before the template is stored.
  render(data, { units: [], blockers: [] });
  const before = await tx
    .selectFrom('documents')
    .select(['filename', 'version', 'updated_at'])
    .where('key', '=', BRIEFING_TEMPLATE_KEY)
    .executeTakeFirst();
  const t = nowIso();
  if (before)
    await tx
      .updateTable('documents')
      .set({ filename, data, updated_at: t, version: before.version + 1 })
      .where('key', '=', BRIEFING_TEMPLATE_KEY)
      .execute();
  else await tx.insertInto('documents').values({ key: BRIEFING_TEMPLATE_KEY, filename, data, updated_at: t }).execute();
  await audit(tx, actor, {
    action: before ? 'update' : 'create',
    entity: 'document',
    entityId: BRIEFING_TEMPLATE_KEY,
    summary: `上传讲话稿模板 ${filename}`,
    before: before ?? null,
    after: { filename, size: data.length },
  });
}

export async function resetTemplate(tx: Tx, actor: Actor): Promise<void> {
  requirePermission(actor, 'target.write');
  const before = await tx
    .selectFrom('documents')
    .select(['filename', 'version', 'updated_at'])
    .where('key', '=', BRIEFING_TEMPLATE_KEY)
    .executeTakeFirst();
  if (!before) return;
  await tx.deleteFrom('documents').where('key', '=', BRIEFING_TEMPLATE_KEY).execute();
  await audit(tx, actor, {
    action: 'delete',
    entity: 'document',
    entityId: BRIEFING_TEMPLATE_KEY,
    summary: '恢复默认讲话稿模板',
    before,
    after: null,
  });
}

export const PLACEHOLDERS: BriefingTemplateInfo['placeholders'] = [
  { name: 'title', description: '标题', example: '吉林市招商引资工作调度会讲话' },
  { name: 'scopeName', description: '范围：市名或单位名', example: '吉林市' },
  { name: 'who', description: '主语：“全市”或单位名', example: '全市' },
  { name: 'periodText', description: '报告期文字', example: '2026年1-5月' },
  { name: 'reportDate', description: '生成日期', example: '2026-06-03' },
  {
    name: 'progressText',
    description:
      '进展段落：累计到位资金，完成确保、力争目标的比例，与时间进度的差距，同比，利用外资，域外、省外（含境外）资金，距年底每月需到位多少',
    example: '2026年1-5月，全市实际到位资金4.22亿元，完成全年确保目标（14.00亿元）的30.2%、力争目标（16.00亿元）的26.4%……',
  },
  { name: 'quartersText', description: '各季度到位资金及同比', example: '一季度到位资金1.08亿元，同比下降55.2%；……' },
  {
    name: 'projectsText',
    description: '重大项目、储备项目、小分队、签约、开工投产、各阶段项目数段落（单位讲话稿略去全为0的句子）',
    example: '5000万元以上域外重大项目3个……',
  },
  { name: 'largeText', description: '重大项目一句', example: '5000万元以上域外重大项目3个，到位资金3.06亿元，占到位资金总额的72.5%。' },
  { name: 'reserveText', description: '储备项目一句', example: '储备1000万元以上招商项目2个，总投资2.15亿元。' },
  {
    name: 'decisionsIntro',
    description: '上次调度会议定事项落实情况一句（没有议定事项时为空）',
    example: '上次调度会（2026-10）议定事项3项，已办结1项，正在办理1项，逾期未办结1项。',
  },
  {
    name: 'forecastText',
    description: '全年预测一句（已核实口径）',
    example: '按目前进度预计全年完成147.43亿元（80%区间131.89亿元至162.98亿元），完成确保目标的概率为10.0%。',
  },
  {
    name: 'activitiesText',
    description: '招商活动一句（有活动成果时含签约项目和引进资金）',
    example: '组织招商小分队外出招商4次、83人次。',
  },
  { name: 'contractsText', description: '签约项目一句', example: '新签约项目4个，总投资7.68亿元。' },
  { name: 'startsText', description: '开工、投产项目一句', example: '新开工项目1个，总投资0.08亿元；新投产项目0个，总投资0.00亿元。' },
  {
    name: 'stagesText',
    description: '报告期末各阶段项目数（按阶段历史）',
    example: '截至5月底，在库项目中合同签约5个、开工3个、投产2个。',
  },
  {
    name: 'needText',
    description: '距年底每月需到位多少',
    example: '距年底还有7个月，需月均到位1.40亿元才能完成确保目标，完成力争目标需月均到位1.68亿元。',
  },
  {
    name: 'pendingText',
    description: '未报送月报、未核实资金（有才出现）',
    example: '截至目前，5个单位5月月报尚未报送：……；3笔到位资金共3.60亿元尚未核实，未计入以上数字。',
  },
  { name: 'countingRuleText', description: '统计口径说明', example: '本材料招商引资额含本地投资方到位资金。' },
  { name: 'rankingText', description: '排名概述', example: '按到位资金完成率排序，排在前列的是……' },
  { name: 'behindText', description: '落后时间进度的单位', example: '落后于时间进度（41.7%）的有：……' },
  { name: 'zeroText', description: '无实绩单位', example: '截至5月底仍无实绩……的有：永吉县、蛟河市。' },
  {
    name: 'unitsNeedText',
    description: '各单位完成确保目标每月需到位多少',
    example: '距年底还有7个月，完成确保目标各单位需月均到位：昌邑区0.97亿元、……',
  },
  {
    name: 'blockersIntro',
    description: '困难问题和承诺事项：个数、逾期个数、通报哪些',
    example: '截至5月底，需要协调解决的困难问题12个，其中逾期未解决5个；未兑现的承诺事项3个，其中逾期1个。……',
  },
  { name: 'commitmentsIntro', description: '逾期承诺事项导语（有才出现）', example: '逾期未兑现的承诺事项1个：' },
  { name: 'fundsYi', description: '累计到位资金（亿元）', example: '4.22亿元' },
  { name: 'fundsWanText', description: '累计到位资金（万元）', example: '42221.42万元' },
  { name: 'targetBaseYi', description: '全年确保目标', example: '14.00亿元' },
  { name: 'targetStretchYi', description: '全年力争目标', example: '16.00亿元' },
  { name: 'completionText', description: '完成确保目标比例', example: '30.2%' },
  { name: 'completionStretchText', description: '完成力争目标比例', example: '26.4%' },
  { name: 'timeProgressText', description: '时间进度', example: '41.7%' },
  { name: 'progressGapText', description: '与时间进度的差距', example: '落后时间进度11.5个百分点' },
  { name: 'yoyText', description: '同比', example: '同比增长74.6%' },
  { name: 'foreignText', description: '利用外资', example: '67.00万美元' },
  { name: 'outsideRegionYi', description: '域外资金', example: '3.15亿元' },
  { name: 'outOfProvinceYi', description: '省外资金（含境外，不要与境外相加）', example: '3.13亿元' },
  { name: 'abroadYi', description: '其中境外资金', example: '0.07亿元' },
  { name: 'outOfProvinceText', description: '省外资金（含境外）一句', example: '省外资金3.13亿元（含境外0.07亿元）' },
  { name: 'monthsLeft', description: '距年底还有几个月', example: '7' },
  { name: 'monthlyNeededBaseYi', description: '完成确保目标每月需到位', example: '1.40亿元' },
  { name: 'monthlyNeededStretchYi', description: '完成力争目标每月需到位', example: '1.68亿元' },
  { name: 'largeProjectsCount', description: '重大项目个数', example: '3' },
  { name: 'largeProjectsFundsYi', description: '重大项目到位资金', example: '3.06亿元' },
  { name: 'largeProjectsShareText', description: '重大项目到位资金占比', example: '72.5%' },
  { name: 'reserveCount', description: '储备项目个数', example: '2' },
  { name: 'reserveTotalYi', description: '储备项目总投资', example: '2.15亿元' },
  { name: 'tripsCount', description: '招商小分队次数', example: '4' },
  { name: 'personTimes', description: '小分队人次', example: '83' },
  { name: 'contractsCount', description: '新签约项目个数', example: '4' },
  { name: 'contractsTotalYi', description: '新签约项目总投资', example: '7.68亿元' },
  { name: 'startsCount', description: '今年开工项目个数', example: '1' },
  { name: 'startsTotalYi', description: '今年开工项目总投资', example: '0.08亿元' },
  { name: 'operatingCount', description: '今年投产项目个数', example: '0' },
  { name: 'operatingTotalYi', description: '今年投产项目总投资', example: '0.00亿元' },
  { name: 'blockersOpen', description: '未解决的困难问题个数（报告期末）', example: '12' },
  { name: 'blockersOverdue', description: '其中逾期个数', example: '5' },
  { name: 'commitmentsOpen', description: '未兑现的承诺事项个数', example: '3' },
  { name: 'commitmentsOverdue', description: '其中逾期个数', example: '1' },
  { name: 'unsubmittedCount', description: '本月月报未报送的单位数', example: '5' },
  { name: 'unverifiedCount', description: '未核实的到位资金笔数（不计入数字）', example: '3' },
  { name: 'unverifiedYi', description: '未核实的到位资金金额', example: '3.60亿元' },
  { name: 'behindUnitNames', description: '落后时间进度的单位名单', example: '船营区、吉林高新区' },
  { name: 'zeroResultUnitNames', description: '无实绩单位名单', example: '永吉县、蛟河市' },
];

const ISSUE_FIELDS: BriefingTemplateInfo['loops'][number]['fields'] = [
  { name: 'index', description: '序号', example: '1' },
  { name: 'kind', description: '类别：困难问题 / 承诺事项', example: '困难问题' },
  { name: 'projectName', description: '项目名称', example: '医药项目5' },
  { name: 'projectCode', description: '项目编号', example: 'P0005' },
  { name: 'unitName', description: '承办单位', example: '市工信局' },
  { name: 'title', description: '问题或承诺', example: '用地指标未落实' },
  { name: 'coordinatingDept', description: '协调部门（困难问题）', example: '市自然资源局' },
  { name: 'dueDate', description: '要求解决（兑现）日期', example: '2026-04-30' },
  { name: 'overdueText', description: '逾期天数（未逾期为空）', example: '逾期31天' },
];

export const LOOPS: BriefingTemplateInfo['loops'] = [
  {
    name: 'units',
    description: '单位排名表：在表格的一行中，第一格写 {#units}，最后一格写 {/units}，该行按单位重复',
    fields: [
      { name: 'rank', description: '名次（无目标为“—”）', example: '1' },
      { name: 'name', description: '单位名称', example: '昌邑区' },
      { name: 'targetYi', description: '全年确保目标', example: '9.80亿元' },
      { name: 'targetStretchYi', description: '全年力争目标', example: '11.27亿元' },
      { name: 'fundsYi', description: '累计到位资金', example: '2.99亿元' },
      { name: 'completionText', description: '完成确保目标比例', example: '30.5%' },
      { name: 'completionStretchText', description: '完成力争目标比例', example: '26.5%' },
      { name: 'yoyText', description: '同比', example: '增长74.6%' },
      { name: 'gapText', description: '与时间进度比较', example: '落后11.2个百分点' },
      { name: 'monthlyNeededText', description: '完成确保目标每月需到位', example: '0.97亿元' },
    ],
  },
  {
    name: 'blockers',
    description:
      '通报的困难问题（逾期的和投资额最大项目的，个数见设置“讲话稿通报困难问题数”）：单独一段写 {#blockers}，下一段写内容，再下一段写 {/blockers}',
    fields: ISSUE_FIELDS,
  },
  {
    name: 'overdueCommitments',
    description: '逾期未兑现的承诺事项：写法同 blockers',
    fields: ISSUE_FIELDS,
  },
  {
    name: 'annex',
    description: '附件清单：全部未解决的困难问题和未兑现的承诺事项；在表格的一行中，第一格写 {#annex}，最后一格写 {/annex}',
    fields: ISSUE_FIELDS,
  },
  {
    name: 'decisions',
    description: '上次调度会议定事项及落实情况（开篇通报）：写法同 blockers；说明段落用 {decisionsIntro}',
    fields: [
      { name: 'index', description: '序号', example: '1' },
      { name: 'title', description: '议定事项', example: '协调解决吉林化纤项目用地指标' },
      { name: 'unitName', description: '责任单位', example: '昌邑区' },
      { name: 'deadline', description: '办结时限', example: '2026-11-30' },
      { name: 'statusText', description: '落实情况', example: '已办结' },
    ],
  },
];
