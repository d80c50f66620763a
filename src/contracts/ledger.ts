// The ledger workbook (台账) interchange: sheet and column names (DESIGN.md "Interchange"), and the
// shapes of an import preview/result. Shared by the server, the CLI and the web app.
import { z } from 'zod';

export const LEDGER_SHEETS = {
  settings: '设置',
  units: '单位',
  targets: '目标',
  projects: '项目',
  funds: '到位资金',
  activities: '招商活动',
  reserve: '储备项目',
} as const;
export type LedgerSheetKey = keyof typeof LEDGER_SHEETS;
export type LedgerSheetName = (typeof LEDGER_SHEETS)[LedgerSheetKey];

/** Header row of each sheet, in the order export writes them. */
export const LEDGER_HEADERS = {
  settings: ['键', '值'],
  units: ['单位代码', '单位名称', '类型'],
  targets: ['年度', '单位代码', '指标', '确保', '力争'],
  projects: [
    '项目编号',
    '项目名称',
    '承办单位代码',
    '责任人',
    '投资方',
    '统一社会信用代码',
    '投资方所在地',
    '行业',
    '项目类型',
    '总投资(万元)',
    '其中外资(万美元)',
    '阶段',
    '签约日期',
    '开工日期',
    '投产日期',
  ],
  funds: ['项目编号', '月份', '到位金额(万元)', '其中外资(万美元)', '状态'],
  activities: ['活动名称', '类型', '开始日期', '结束日期', '目的地', '组织单位代码', '参加人次', '签约项目编号'],
  reserve: ['项目名称', '所在单位代码', '行业', '总投资(万元)', '状态'],
} as const satisfies Record<LedgerSheetKey, readonly string[]>;

/** Columns a sheet cannot be imported without (when the sheet is present). */
export const LEDGER_REQUIRED = {
  settings: ['键', '值'],
  units: ['单位代码', '单位名称', '类型'],
  targets: ['年度', '单位代码', '指标', '确保'],
  projects: ['项目编号', '项目名称', '承办单位代码', '阶段'],
  funds: ['项目编号', '月份', '到位金额(万元)'],
  activities: ['活动名称', '类型', '开始日期'],
  reserve: ['项目名称', '所在单位代码'],
} as const satisfies Record<LedgerSheetKey, readonly string[]>;

/** Order in which sheets are checked and written (references point backwards). */
export const LEDGER_ORDER: LedgerSheetKey[] = ['settings', 'units', 'targets', 'projects', 'funds', 'activities', 'reserve'];

export const LEDGER_SETTING_KEYS = ['homeRegionCode', 'largeProjectThresholdWan', 'reserveThresholdWan'] as const;

export const ledgerErrorSchema = z.object({
  sheet: z.string(),
  row: z.number().int(), // Excel row number; 0 = the file as a whole
  column: z.string(),
  message: z.string(),
});
export type LedgerError = z.infer<typeof ledgerErrorSchema>;

export const ledgerSheetSummarySchema = z.object({
  sheet: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type LedgerSheetSummary = z.infer<typeof ledgerSheetSummarySchema>;

export const importResultSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  committed: z.boolean(),
  sheets: z.array(ledgerSheetSummarySchema),
  /** 投资方 records created/updated from the 项目 sheet */
  investors: ledgerSheetSummarySchema,
  errors: z.array(ledgerErrorSchema),
  /** total errors found (the list is capped at LEDGER_ERROR_LIST_CAP) */
  errorCount: z.number().int(),
  ignoredSheets: z.array(z.string()),
  rows: z.number().int(),
  durationMs: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const LEDGER_ERROR_LIST_CAP = 5000;

export const previewResultSchema = importResultSchema.extend({
  /** pass to POST /ledger/import to commit this upload; null when the file has errors */
  token: z.string().nullable(),
  filename: z.string(),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;

export const importBodySchema = z.object({ token: z.string().min(8).max(64) });

/** One line of a streamed (NDJSON) response: progress, then the result or an error. */
export type LedgerProgressEvent = { type: 'progress'; phase: string; done: number; total?: number };

export const LEDGER_PHASE_LABELS: Record<string, string> = {
  read: '读取文件',
  check: '校验数据',
  write: '写入数据库',
  done: '完成',
};

/** "项目 第40行 阶段: …" — how a clerk reads one error. */
export function formatLedgerError(e: LedgerError): string {
  const where = [e.sheet, e.row > 0 ? `第${e.row}行` : '', e.column].filter(Boolean).join(' ');
  return where ? `${where}: ${e.message}` : e.message;
}
