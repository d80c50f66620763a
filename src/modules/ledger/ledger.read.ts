// Reads a ledger workbook with the ExcelJS streaming reader: memory grows with the rows kept
// (the known columns of known sheets), never with the workbook's XML.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { entryText, listZipEntries, mergedHeaderRanges, xlsxSheets, type ZipEntry } from './ledger.zip';
import { AppError } from '../../domain/errors';
import { checkZipFile, DEFAULT_ZIP_LIMITS } from './zip-guard';
import { LEDGER_HEADERS, LEDGER_REQUIRED, LEDGER_SHEETS, type LedgerError, type LedgerSheetKey } from '../../contracts/ledger';

export type Cell = string | number | boolean | Date | null | { error: string };
export interface RawRow {
  row: number;
  cells: Cell[];
}
export interface RawSheet {
  key: LedgerSheetKey;
  name: string;
  /** header name (as in LEDGER_HEADERS) → index in RawRow.cells, for the columns present */
  columns: Map<string, number>;
  rows: RawRow[];
}
export interface RawWorkbook {
  sheets: Map<LedgerSheetKey, RawSheet>;
  ignored: string[];
  errors: LedgerError[];
  rowCount: number;
}

export type Progress = (p: { phase: string; done: number; total?: number }) => void;

const SHEET_BY_NAME = new Map<string, LedgerSheetKey>(
  (Object.entries(LEDGER_SHEETS) as [LedgerSheetKey, string][]).map(([k, v]) => [v, k]),
);

/** Header text as compared: no spaces, full-width ASCII (incl. （）) to half-width. */
export function normalizeHeader(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (/\s/u.test(ch) || ch === '\u200b' || ch === '\ufeff') continue;
    out += cp >= 0xff01 && cp <= 0xff5e ? String.fromCharCode(cp - 0xfee0) : ch;
  }
  return out;
}

/** The plain value of an ExcelJS cell value: formulas give their result, rich text its text. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return plainCell(o.result);
    if ('error' in o) return { error: String(o.error) };
    if ('text' in o) return plainCell(o.text);
    if ('hyperlink' in o) return String(o.hyperlink);
  }
  return String(v);
}

function isBlank(c: Cell): boolean {
  return c === null || (typeof c === 'string' && c.replace(/[\s\u3000\u200b\ufeff]/g, '') === '');
}

/** Refuses what is not an .xlsx before the zip reader sees it. */
export function checkFileKind(filePath: string): void {
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch {
    throw new AppError('validation', `找不到文件：${filePath}`);
  }
  const head = Buffer.alloc(8);
  const n = fs.readSync(fd, head, 0, 8, 0);
  fs.closeSync(fd);
  if (n === 0) throw new AppError('validation', '文件是空的，请选择台账 .xlsx 文件');
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new AppError(
      'validation',
      '文件设有打开密码（已加密），或是旧版 .xls 格式，系统无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），并另存为 .xlsx 后重新导入。',
    );
  }
  if (!head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new AppError(
      'validation',
      '这不是 Excel .xlsx 文件。请在 Excel 中“另存为”Excel 工作簿（*.xlsx）后重新导入；可下载模板对照格式。',
    );
  }
}

/** A ledger inflates to at most 200 MB, 10,000 parts, 200:1 per part (a 60,000-row ledger is ~20 MB). */
export const LEDGER_ZIP_LIMITS = DEFAULT_ZIP_LIMITS;

/**
 * The shared strings are held in memory while the sheets stream (ExcelJS resolves cells against
 * them): their part is bounded on its own, so parsing stays within a memory budget.
 */
const MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;

function checkLedgerZip(filePath: string): void {
  try {
    const entries = checkZipFile(filePath, LEDGER_ZIP_LIMITS);
    const ss = entries.find((e) => e.name === 'xl/sharedStrings.xml');
    if (ss && ss.size > MAX_SHARED_STRINGS_BYTES) {
      throw new AppError('too_large', `文件被拒绝：文本内容解压后超过 ${MAX_SHARED_STRINGS_BYTES / 1024 / 1024}MB。请拆分台账后分批导入。`);
    }
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation') {
      throw new AppError('validation', '文件已损坏，无法读取（不是完整的 .xlsx 文件）。请在 Excel 中打开并另存为 .xlsx 后重新导入。');
    }
    throw e;
  }
}

interface ExcelJsReaderInternals {
  sharedStrings: unknown[];
  _parseRels(s: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(s: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(s: NodeJS.ReadableStream): AsyncIterable<unknown>;
  _parseStyles(s: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(s: NodeJS.ReadableStream, sheetNo: string): Iterable<{ eventType: string; value: AsyncIterable<unknown> }>;
}

/** Streams the workbook; keeps the known columns of the known sheets. */
export async function readLedgerWorkbook(filePath: string, onProgress?: Progress): Promise<RawWorkbook> {
  checkFileKind(filePath);
  // Bounded before anything is inflated: entry count, total inflated size, compression ratio.
  checkLedgerZip(filePath);
  const out: RawWorkbook = { sheets: new Map(), ignored: [], errors: [], rowCount: 0 };
  let entries: Map<string, ZipEntry>;
  let sheetList: { name: string; path: string; fileNo: string }[];
  try {
    entries = listZipEntries(filePath);
    sheetList = await xlsxSheets(filePath, entries);
  } catch {
    throw new AppError('validation', '文件已损坏，无法读取（不是完整的 .xlsx 文件）。请在 Excel 中打开并另存为 .xlsx 后重新导入。');
  }
  // The ExcelJS streaming reader, fed entry by entry with whole characters (see ledger.zip.ts).
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ExcelJsReaderInternals;
  const text = (name: string) => {
    const e = entries.get(name);
    return e ? entryText(filePath, e) : null;
  };
  let sawSheet = false;
  try {
    const rels = text('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const wbx = text('xl/workbook.xml');
    if (wbx) await reader._parseWorkbook(wbx);
    const ss = text('xl/sharedStrings.xml');
    if (ss)
      for await (const _ of reader._parseSharedStrings(ss)) {
        /* cached */
      }
    else reader.sharedStrings = [];
    const st = text('xl/styles.xml');
    if (st) await reader._parseStyles(st);
    for (const sh of sheetList) {
      const entry = entries.get(sh.path);
      if (!entry) continue;
      sawSheet = true;
      const wsName = sh.name.trim();
      const key = SHEET_BY_NAME.get(wsName);
      if (!key) {
        if (wsName) out.ignored.push(wsName);
        continue;
      }
      let ws: AsyncIterable<unknown> | null = null;
      for (const ev of reader._parseWorksheet(entryText(filePath, entry), sh.fileNo)) ws = ev.value;
      if (!ws) continue;
      const headers = LEDGER_HEADERS[key] as readonly string[];
      const wanted = new Map(headers.map((h) => [normalizeHeader(h), h]));
      const sheet: RawSheet = { key, name: wsName, columns: new Map(), rows: [] };
      let colOf: number[] = []; // sheet column number → index in cells (or -1)
      let headerSeen = false;
      let broken = false;
      for await (const row of ws) {
        if (broken) continue;
        const values = (row as unknown as { values: unknown[] }).values ?? [];
        const r = (row as unknown as { number: number }).number;
        if (!headerSeen) {
          if (r !== 1) {
            out.errors.push({ sheet: wsName, row: 1, column: '', message: '第1行应为表头（列名），但第1行是空的。请把列名放在第1行。' });
            headerSeen = true;
            broken = true;
            continue;
          }
          headerSeen = true;
          const found: string[] = [];
          const gaps: number[] = [];
          let lastNonEmpty = 0;
          for (let c = 1; c < values.length; c++) {
            const text = plainCell(values[c]);
            const t = text === null ? '' : normalizeHeader(String(text instanceof Date ? '' : typeof text === 'object' ? '' : text));
            if (t === '') {
              gaps.push(c);
              continue;
            }
            lastNonEmpty = c;
            found.push(t);
            const h = wanted.get(t);
            if (h !== undefined) {
              if (sheet.columns.has(h)) {
                out.errors.push({ sheet: wsName, row: 1, column: h, message: `列“${h}”出现了两次，请删除多余的一列` });
              } else {
                sheet.columns.set(h, sheet.columns.size);
                colOf[c] = sheet.columns.size - 1;
              }
            }
          }
          const innerGap = gaps.some((c) => c < lastNonEmpty);
          const missing = (LEDGER_REQUIRED[key] as readonly string[]).filter((req) => !sheet.columns.has(req));
          if (missing.length) {
            const merged = await mergedHeaderRanges(filePath, entry).catch(() => []);
            const hint = merged.length
              ? `（第1行有合并单元格 ${merged.join('、')}：请取消合并，每列一个列名）`
              : innerGap
                ? '（表头中有空白单元格，可能是合并单元格：请取消合并，每列一个列名）'
                : '';
            for (const req of missing) {
              out.errors.push({
                sheet: wsName,
                row: 1,
                column: req,
                message: `缺少必需的列“${req}”。第1行应为列名：${headers.join('、')}${hint}`,
              });
            }
          }
          continue;
        }
        const cells: Cell[] = new Array(sheet.columns.size).fill(null);
        let any = false;
        for (let c = 1; c < values.length; c++) {
          const idx = colOf[c];
          if (idx === undefined) continue;
          const v = plainCell(values[c]);
          cells[idx] = v;
          if (!isBlank(v)) any = true;
        }
        if (!any) continue; // blank rows (also trailing formatted ones)
        sheet.rows.push({ row: r, cells });
        out.rowCount++;
        if (onProgress && out.rowCount % 5000 === 0) onProgress({ phase: 'read', done: out.rowCount });
      }
      colOf = [];
      if (!headerSeen) {
        out.errors.push({
          sheet: wsName,
          row: 1,
          column: '',
          message: `工作表是空的，缺少表头。第1行应为列名：${headers.join('、')}（不需要的工作表可以删除）`,
        });
      }
      out.sheets.set(key, sheet);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'validation',
      `文件已损坏，无法读取（${err instanceof Error ? err.message.slice(0, 120) : String(err)}）。请在 Excel 中打开并另存为 .xlsx 后重新导入。`,
    );
  }
  if (!sawSheet) throw new AppError('validation', '文件中没有工作表，或文件已损坏。请在 Excel 中打开并另存为 .xlsx 后重新导入。');
  onProgress?.({ phase: 'read', done: out.rowCount, total: out.rowCount });
  return out;
}
