// The dispatch briefing (调度会讲话稿): the text the mayor reads, built from the dispatch statistics
// and filled into an editable Word template (docxtemplater). The city office can download the
// template, edit it in Word and upload it back; the default one is built here.
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { formatPeriod } from '../../domain/period';
import { formatGrowth, formatPercent, formatWan, formatYi } from '../../domain/money';
import { behindPoints, briefingFigures, isBehind, type BriefingFigures, type DispatchStats } from '../../domain/stats';
import type { BriefingDto, BriefingTemplateInfo } from '../../contracts/reports';
import type { Actor } from '../auth/actor';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission } from '../auth/actor';
import { getSettings } from '../settings/settings.service';
import { dispatchStats, type StatsScope } from '../stats/stats.service';
import { buildDefaultBriefingTemplate } from './briefing.template';

export const BRIEFING_TEMPLATE_KEY = 'briefing-template';
import { DOCX_MIME } from '../../contracts/files';
import { meetingLoop } from '../meetings/meetings.service';

function gapText(completion: number | null, timeProgress: number): string {
  const gap = behindPoints(completion, timeProgress);
  if (gap === null) return '—';
  const pts = formatPercent(Math.abs(gap) / 100).replace('%', '');
  if (pts === '0.0') return '持平';
  return gap > 0 ? `落后${pts}个百分点` : `超前${pts}个百分点`;
}

type Built = { dto: BriefingDto; stats: DispatchStats; figures: BriefingFigures };

/** The briefing for one period and scope: sections of text, the ranking table and open blockers. */
export async function buildBriefing(db: Tx, scope: StatsScope): Promise<Built> {
  const settings = await getSettings(db);
  const stats = await dispatchStats(db, scope);
  // The ranking table is the city's (a unit briefing shows its own row only).
  const f = briefingFigures(stats);
  const unitName = scope.unitCode
    ? (await db.selectFrom('units').select('name').where('code', '=', scope.unitCode).executeTakeFirst())?.name ?? scope.unitCode
    : null;
  const who = unitName ?? `全市`;
  const scopeName = unitName ?? settings.cityName;
  const s = stats;

  // --- progress paragraph
  const parts: string[] = [];
  let lead = `${f.periodText}，${who}实际到位资金${f.fundsYi}`;
  if (s.completion !== null) {
    lead += `，完成全年目标（${f.targetBaseYi}）的${f.completionText}`;
    lead += s.completion < s.timeProgress
      ? `，低于时间进度（${f.timeProgressText}）${gapText(s.completion, s.timeProgress).replace('落后', '')}`
      : `，高于时间进度（${f.timeProgressText}）`;
  }
  lead += `，${f.yoyText}`;
  parts.push(`${lead}。`);
  const foreignText = `其中，利用外资${f.foreignText}；域外资金${f.outsideRegionYi}，占${f.outsideRegionShareText}，其中省外资金${f.outOfProvinceYi}、境外资金${f.abroadYi}。`;
  parts.push(foreignText);
  const progressText = parts.join('');
  const quartersText = f.quarters.map((q) => q.text).join('；') + (f.quarters.length ? '。' : '');
  const largeText = `${f.largeProjectsThresholdWan}以上域外重大项目${f.largeProjectsCount}个，到位资金${f.largeProjectsFundsYi}，占到位资金总额的${f.largeProjectsShareText}。`;
  const reserveText = `储备${f.reserveThresholdWan}以上招商项目${f.reserveCount}个，总投资${f.reserveTotalYi}。`;
  const activitiesText = `组织招商小分队外出招商${f.tripsCount}次、${f.personTimes}人次。`;
  const contractsText = `新签约项目${f.contractsCount}个，总投资${f.contractsTotalYi}。`;
  const projectsText = `${largeText}${reserveText}${activitiesText}${contractsText}`;

  // --- ranking
  const ranked = [...s.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const units = ranked.map((u) => ({
    rank: u.rank === null ? '—' : String(u.rank),
    code: u.code,
    name: u.name,
    targetYi: u.targetBaseYuan === null ? '—' : formatYi(u.targetBaseYuan),
    fundsYi: formatYi(u.fundsYtdYuan),
    completionText: formatPercent(u.completion),
    yoyText: formatGrowth(u.yoy).replace('同比', ''),
    gapText: gapText(u.completion, s.timeProgress),
    behind: isBehind(u.completion, s.timeProgress),
  }));
  const top = ranked.filter((u) => u.rank !== null).slice(0, 3).map((u) => u.name);
  const rankingText = scope.unitCode
    ? units[0] && units[0].rank !== '—'
      ? `${who}到位资金完成率在全市各地各部门中排第${units[0].rank}位。`
      : `${who}未下达到位资金目标，不参加排名。`
    : top.length
      ? `按到位资金完成率排序，排在前列的是${top.join('、')}。`
      : '各单位均未下达到位资金目标，暂不排名。';
  const behindText = f.behindUnitNames
    ? `落后于时间进度（${f.timeProgressText}）的有：${f.behindUnitNames}。`
    : `各单位完成率均不低于时间进度（${f.timeProgressText}）。`;
  const zeroText = f.zeroResultUnitNames
    ? `截至${s.period.month}月底仍无实绩（无到位资金、无签约项目）的有：${f.zeroResultUnitNames}。`
    : '各单位均已有实绩。';

  // --- blockers
  let bq = db
    .selectFrom('blockers as b')
    .innerJoin('projects as p', 'p.id', 'b.project_id')
    .innerJoin('units as u', 'u.code', 'p.unit_code')
    .select(['b.id', 'b.title', 'b.due_date', 'b.coordinating_dept', 'p.code as pcode', 'p.name as pname', 'u.name as uname', 'u.kind as ukind', 'u.sort as usort', 'p.unit_code'])
    .where('b.status', '=', 'open');
  if (scope.unitCode) bq = bq.where('p.unit_code', '=', scope.unitCode);
  const KIND: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };
  const rows = (await bq.execute()).sort(
    (a, b) => (KIND[a.ukind] ?? 9) - (KIND[b.ukind] ?? 9) || a.usort - b.usort || a.unit_code.localeCompare(b.unit_code) || (a.due_date ?? '9').localeCompare(b.due_date ?? '9') || Number(a.id) - Number(b.id),
  );
  const blockers = rows.map((r, i) => ({
    index: i + 1, projectCode: r.pcode, projectName: r.pname, unitName: r.uname, title: r.title,
    dueDate: r.due_date ?? '', coordinatingDept: r.coordinating_dept ?? '',
  }));
  const blockersIntro = blockers.length ? `目前需要协调解决的困难问题${blockers.length}个：` : '目前没有需要协调解决的困难问题。';
  const blockerLines = blockers.map((b) => `${b.index}. ${b.projectName}（${b.unitName}）：${b.title}${b.coordinatingDept ? `（协调部门：${b.coordinatingDept}）` : ''}${b.dueDate ? `，要求${b.dueDate}前解决` : ''}。`);

  const loop = await meetingLoop(db, scope); // [G] the briefing opens with the last meeting's decisions
  const periodLabel = formatPeriod(s.period);
  const title = `${scopeName}招商引资工作调度会讲话`;
  const data: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')),
    cityName: settings.cityName, title, scopeName, who, period: periodLabel, reportDate: nowIso().slice(0, 10),
    progressText, quartersText, largeText, reserveText, activitiesText, contractsText, projectsText,
    rankingText, behindText, zeroText, blockersIntro,
    fundsWanText: formatWan(s.fundsYtdYuan),
    units, blockers, hasBlockers: blockers.length > 0, noBlockers: blockers.length === 0,
    decisionsIntro: loop.intro, decisions: loop.decisions,
  };
  const dto: BriefingDto = {
    period: periodLabel,
    title,
    scopeName,
    sections: [
      ...(loop.decisions.length ? [{ heading: loop.heading, paragraphs: [loop.intro, ...loop.lines] }] : []),
      { heading: `一、${f.periodText}${who}招商引资工作进展情况`, paragraphs: [progressText, quartersText, projectsText].filter(Boolean) },
      { heading: '二、各地各部门完成情况', paragraphs: [rankingText, behindText, zeroText] },
      { heading: '三、需要协调解决的困难问题', paragraphs: [blockersIntro, ...blockerLines] },
    ],
    units,
    blockers,
    data,
  };
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
      case 'unclosed_tag': return `“${p.context ?? tag}”缺少右花括号 }`;
      case 'unopened_tag': return `“${p.context ?? tag}”缺少左花括号 {`;
      case 'unclosed_loop': return `循环 {#${tag}} 没有对应的 {/${tag}}`;
      case 'unopened_loop': return `{/${tag}} 前面没有对应的 {#${tag}}`;
      case 'closing_tag_does_not_match_opening_tag': return `循环的开始和结束不匹配（${tag}）`;
      case 'duplicate_open_tag': case 'duplicate_close_tag': return `“${tag}”处花括号重复`;
      default: return p.explanation ?? tag;
    }
  };
  const list = e.properties?.errors?.length ? e.properties.errors.map((x) => x.properties) : [e.properties];
  const details = list.map(zh).filter(Boolean);
  const msg = details.length ? details.slice(0, 5).join('；') : e.message ?? '无法读取';
  return new AppError('validation', `Word模板有误：${msg}。请检查占位符的花括号是否成对、循环 {#units}…{/units} 是否闭合，修改后重新上传，或恢复默认模板`);
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
  try { zip = new PizZip(data); } catch { throw new AppError('validation', '上传的文件不是 Word 文档（.docx），请在 Word 中“另存为 .docx”后再上传'); }
  if (!zip.file('word/document.xml')) throw new AppError('validation', '上传的文件不是 Word 文档（.docx），请在 Word 中“另存为 .docx”后再上传');
  // A trial fill with empty data catches broken tags before the template is stored.
  render(data, { units: [], blockers: [] });
  const before = await tx.selectFrom('documents').select(['filename', 'version', 'updated_at']).where('key', '=', BRIEFING_TEMPLATE_KEY).executeTakeFirst();
  const t = nowIso();
  if (before) await tx.updateTable('documents').set({ filename, data, updated_at: t, version: before.version + 1 }).where('key', '=', BRIEFING_TEMPLATE_KEY).execute();
  else await tx.insertInto('documents').values({ key: BRIEFING_TEMPLATE_KEY, filename, data, updated_at: t }).execute();
  await audit(tx, actor, { action: before ? 'update' : 'create', entity: 'document', entityId: BRIEFING_TEMPLATE_KEY, summary: `上传讲话稿模板 ${filename}`, before: before ?? null, after: { filename, size: data.length } });
}

export async function resetTemplate(tx: Tx, actor: Actor): Promise<void> {
  requirePermission(actor, 'target.write');
  const before = await tx.selectFrom('documents').select(['filename', 'version', 'updated_at']).where('key', '=', BRIEFING_TEMPLATE_KEY).executeTakeFirst();
  if (!before) return;
  await tx.deleteFrom('documents').where('key', '=', BRIEFING_TEMPLATE_KEY).execute();
  await audit(tx, actor, { action: 'delete', entity: 'document', entityId: BRIEFING_TEMPLATE_KEY, summary: '恢复默认讲话稿模板', before, after: null });
}

export const PLACEHOLDERS: BriefingTemplateInfo['placeholders'] = [
  { name: 'title', description: '标题', example: '吉林市招商引资工作调度会讲话' },
  { name: 'scopeName', description: '范围：市名或单位名', example: '吉林市' },
  { name: 'periodText', description: '报告期文字', example: '2026年1-5月' },
  { name: 'reportDate', description: '生成日期', example: '2026-06-03' },
  { name: 'progressText', description: '进展段落：累计到位资金、完成目标比例、时间进度、同比、外资、域外资金', example: '2026年1-5月，全市实际到位资金4.22亿元，……' },
  { name: 'quartersText', description: '各季度到位资金及同比', example: '一季度到位资金1.08亿元，同比下降55.2%；……' },
  { name: 'projectsText', description: '重大项目、储备项目、小分队、签约项目段落', example: '5000万元以上域外重大项目3个……' },
  { name: 'rankingText', description: '排名概述', example: '按到位资金完成率排序，排在前列的是……' },
  { name: 'behindText', description: '落后时间进度的单位', example: '落后于时间进度（41.7%）的有：……' },
  { name: 'zeroText', description: '无实绩单位', example: '截至5月底仍无实绩……的有：永吉县、蛟河市。' },
  { name: 'blockersIntro', description: '困难问题导语', example: '目前需要协调解决的困难问题2个：' },
  { name: 'fundsYi', description: '累计到位资金（亿元）', example: '4.22亿元' },
  { name: 'fundsWanText', description: '累计到位资金（万元）', example: '42221.42万元' },
  { name: 'targetBaseYi', description: '全年目标（确保）', example: '14.00亿元' },
  { name: 'completionText', description: '完成全年目标比例', example: '30.2%' },
  { name: 'timeProgressText', description: '时间进度', example: '41.7%' },
  { name: 'progressGapText', description: '与时间进度的差距', example: '落后时间进度11.5个百分点' },
  { name: 'yoyText', description: '同比', example: '同比增长74.6%' },
  { name: 'foreignText', description: '利用外资', example: '67.00万美元' },
  { name: 'outsideRegionYi', description: '域外资金', example: '3.15亿元' },
  { name: 'outOfProvinceYi', description: '省外资金（含境外）', example: '3.13亿元' },
  { name: 'abroadYi', description: '境外资金', example: '0.07亿元' },
  { name: 'largeProjectsCount', description: '重大项目个数', example: '3' },
  { name: 'largeProjectsFundsYi', description: '重大项目到位资金', example: '3.06亿元' },
  { name: 'largeProjectsShareText', description: '重大项目到位资金占比', example: '72.5%' },
  { name: 'reserveCount', description: '储备项目个数', example: '2' },
  { name: 'reserveTotalYi', description: '储备项目总投资', example: '2.15亿元' },
  { name: 'tripsCount', description: '招商小分队次数', example: '4' },
  { name: 'personTimes', description: '小分队人次', example: '83' },
  { name: 'contractsCount', description: '新签约项目个数', example: '4' },
  { name: 'contractsTotalYi', description: '新签约项目总投资', example: '7.68亿元' },
  { name: 'behindUnitNames', description: '落后时间进度的单位名单', example: '船营区、吉林高新区' },
  { name: 'zeroResultUnitNames', description: '无实绩单位名单', example: '永吉县、蛟河市' },
];

export const LOOPS: BriefingTemplateInfo['loops'] = [
  {
    name: 'units', description: '单位排名表：在表格的一行中，第一格写 {#units}，最后一格写 {/units}，该行按单位重复',
    fields: [
      { name: 'rank', description: '名次（无目标为“—”）', example: '1' },
      { name: 'name', description: '单位名称', example: '昌邑区' },
      { name: 'targetYi', description: '全年目标', example: '9.80亿元' },
      { name: 'fundsYi', description: '累计到位资金', example: '2.99亿元' },
      { name: 'completionText', description: '完成率', example: '30.5%' },
      { name: 'yoyText', description: '同比', example: '增长74.6%' },
      { name: 'gapText', description: '与时间进度比较', example: '落后11.2个百分点' },
    ],
  },
  {
    name: 'blockers', description: '困难问题：单独一段写 {#blockers}，下一段写内容，再下一段写 {/blockers}',
    fields: [
      { name: 'index', description: '序号', example: '1' },
      { name: 'projectName', description: '项目名称', example: '医药项目5' },
      { name: 'unitName', description: '承办单位', example: '市工信局' },
      { name: 'title', description: '问题', example: '用地指标未落实' },
      { name: 'coordinatingDept', description: '协调部门', example: '市自然资源局' },
      { name: 'dueDate', description: '要求解决日期', example: '2026-06-30' },
    ],
  },
];
