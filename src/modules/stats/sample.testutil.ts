// Test support: loads /work/shared/samples/ledger.xlsx. Uses the ledger importer when it exists
// (src/modules/ledger/ledger.import.ts), otherwise a minimal direct loader so that statistics
// can be checked independently of it. Set STATS_SAMPLE_LOADER=direct to force the direct loader.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import { SYSTEM_ACTOR } from '../auth/actor';
import { nowIso } from '../audit/audit.service';
import { resolveOrigin, originScope } from '../../domain/origin';
import { parseWan } from '../../domain/money';
import { unitKindFromLabel, targetIndicatorFromLabel, fundStatusFromLabel, reserveStatusFromLabel, activityKindFromLabel, codeOf } from '../../domain/labels';
import { stageFromLedgerLabel } from '../../domain/stages';

export const SAMPLE_LEDGER = '/work/shared/samples/ledger.xlsx';
export const SAMPLE_EXPECTED = '/work/shared/samples/expected-dispatch-2026-05.json';

export async function loadSample(db: Db): Promise<'importer' | 'direct'> {
  const importer = new URL('../ledger/ledger.import.ts', import.meta.url);
  if (process.env.STATS_SAMPLE_LOADER !== 'direct' && fs.existsSync(importer)) {
    type Result = { ok: boolean; errors: unknown[]; errorCount: number };
    const mod = (await import(importer.href)) as { importLedgerFile?: (db: Db, actor: unknown, file: string) => Promise<Result> };
    if (mod.importLedgerFile) {
      const r = await mod.importLedgerFile(db, SYSTEM_ACTOR, SAMPLE_LEDGER);
      if (!r.ok) throw new Error(`台账导入失败（${r.errorCount} 个错误）：${JSON.stringify(r.errors.slice(0, 5))}`);
      return 'importer';
    }
  }
  await loadDirect(db);
  return 'direct';
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v).trim();
}

function sheetRows(wb: ExcelJS.Workbook, name: string): Record<string, string>[] {
  const ws = wb.getWorksheet(name);
  if (!ws) return [];
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
  const out: Record<string, string>[] = [];
  ws.eachRow((row, i) => {
    if (i === 1) return;
    const vals = row.values as ExcelJS.CellValue[];
    const rec: Record<string, string> = {};
    header.forEach((h, j) => { if (h) rec[h] = cellText(vals[j]); });
    out.push(rec);
  });
  return out;
}

async function loadDirect(db: Db): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE_LEDGER);
  const t = nowIso();
  const settings = Object.fromEntries(sheetRows(wb, '设置').map((r) => [r['键']!, r['值']!]));
  for (const [key, value] of Object.entries(settings)) {
    const v = key === 'homeRegionCode' ? JSON.stringify(value) : value;
    await db.insertInto('settings').values({ key, value: v, updated_at: t }).execute();
  }
  const home = settings.homeRegionCode ?? '220200';
  let sort = 0;
  for (const r of sheetRows(wb, '单位')) {
    const code = r['单位代码']!;
    const exists = await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
    if (exists) await db.updateTable('units').set({ name: r['单位名称']!, sort: sort++ }).where('code', '=', code).execute();
    else await db.insertInto('units').values({ code, name: r['单位名称']!, kind: unitKindFromLabel(r['类型']!)!, sort: sort++, created_at: t, updated_at: t }).execute();
  }
  for (const r of sheetRows(wb, '目标')) {
    const indicator = targetIndicatorFromLabel(r['指标']!)!;
    const conv = (s: string) => (s === '' ? null : indicator === 'contracts' ? Number(s) : parseWan(s)!);
    await db.insertInto('targets').values({
      year: Number(r['年度']), unit_code: r['单位代码']!, indicator, base_value: conv(r['确保']!)!, stretch_value: conv(r['力争'] ?? ''), created_at: t, updated_at: t,
    }).execute();
  }
  const projectIds = new Map<string, number>();
  for (const r of sheetRows(wb, '项目')) {
    const o = resolveOrigin(r['投资方所在地']!);
    const inv = await db.insertInto('investors').values({
      name: r['投资方']!, credit_code: r['统一社会信用代码'] || null, origin_input: r['投资方所在地']!, origin_code: o?.code ?? null,
      origin_name: o?.name ?? null, origin_kind: o?.kind ?? null, origin_scope: o ? originScope(o, home) : null, created_at: t, updated_at: t,
    }).returning('id').executeTakeFirstOrThrow();
    const p = await db.insertInto('projects').values({
      code: r['项目编号']!, name: r['项目名称']!, unit_code: r['承办单位代码']!, owner: r['责任人'] || null, investor_id: inv.id,
      industry: r['行业'] || null, project_type: null, total_investment_yuan: parseWan(r['总投资(万元)']!)!,
      foreign_usd: parseWan(r['其中外资(万美元)'] || '0')!, stage: stageFromLedgerLabel(r['阶段']!)!,
      contract_date: r['签约日期'] || null, start_date: r['开工日期'] || null, operating_date: r['投产日期'] || null, created_at: t, updated_at: t,
    }).returning('id').executeTakeFirstOrThrow();
    projectIds.set(r['项目编号']!, p.id);
  }
  const projects = new Map((await db.selectFrom('projects').select(['id', 'unit_code']).execute()).map((p) => [p.id, p.unit_code]));
  for (const r of sheetRows(wb, '到位资金')) {
    const pid = projectIds.get(r['项目编号']!)!;
    const [y, m] = r['月份']!.split('-').map(Number);
    await db.insertInto('fund_entries').values({
      project_id: pid, unit_code: projects.get(pid)!, period: r['月份']!, year: y!, month: m!, amount_yuan: parseWan(r['到位金额(万元)']!)!,
      foreign_usd: parseWan(r['其中外资(万美元)'] || '0')!, status: fundStatusFromLabel(r['状态']!)!, created_at: t, updated_at: t,
    }).execute();
  }
  for (const r of sheetRows(wb, '招商活动')) {
    const a = await db.insertInto('activities').values({
      name: r['活动名称']!, kind: activityKindFromLabel(r['类型']!)!, start_date: r['开始日期']!, end_date: r['结束日期'] || null,
      destination: r['目的地'] || null, unit_code: r['组织单位代码'] || null, person_times: Number(r['参加人次'] || 0), created_at: t, updated_at: t,
    }).returning('id').executeTakeFirstOrThrow();
    const codes = (r['签约项目编号'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const [i, c] of codes.entries()) await db.insertInto('activity_projects').values({ activity_id: a.id, project_id: projectIds.get(c)!, sort: i }).execute();
  }
  for (const r of sheetRows(wb, '储备项目')) {
    await db.insertInto('reserve_projects').values({
      name: r['项目名称']!, unit_code: r['所在单位代码']!, industry: r['行业'] || null, total_investment_yuan: parseWan(r['总投资(万元)']!)!,
      status: reserveStatusFromLabel(r['状态']!)!, created_at: t, updated_at: t,
    }).execute();
  }
  void codeOf;
}
