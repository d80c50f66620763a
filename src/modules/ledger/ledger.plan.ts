// The shared state of one ledger import: what each sheet plans to write (the plan), the checker that
// collects every error with its sheet, row and column, and the contexts the per-sheet check and apply
// steps receive. Each sheet's file (sheets/*.sheet.ts) fills its part of the plan and writes it.
import type { Tx } from '../../db/database';
import { LEDGER_ERROR_LIST_CAP, type LedgerError } from '../../contracts/ledger';
import type { Stage } from '../../domain/stages';
import type { TargetIndicator } from '../../domain/labels';
import type { AuditInput } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import type { Cell, Progress, RawRow, RawSheet, RawWorkbook } from './ledger.read';
import type { Read } from './ledger.cells';

// ---------------------------------------------------------------------------------------------
// Planned writes

export interface UnitRec {
  code: string;
  name: string;
  kind: string;
}
export interface TargetRec {
  year: number;
  unit_code: string;
  indicator: TargetIndicator;
  base_value: number;
  stretch_value: number | null;
}
export interface InvestorRec {
  name: string;
  credit_code: string | null;
  origin_input: string | null;
  origin_code: string | null;
  origin_name: string | null;
  origin_kind: string | null;
  origin_scope: string | null;
}
export interface ProjectRec {
  code: string;
  name: string;
  unit_code: string;
  owner: string | null;
  investorKey: string | null;
  industry: string | null;
  project_type: string | null;
  total_investment_yuan: number;
  foreign_usd: number;
  stage: Stage;
  contract_date: string | null;
  start_date: string | null;
  operating_date: string | null;
  dropped_reason: string | null;
}
export interface FundRec {
  projectCode: string;
  period: string;
  amount_yuan: number;
  foreign_usd: number;
  status: string;
}
export interface ActivityRec {
  name: string;
  kind: string;
  start_date: string;
  end_date: string | null;
  destination: string | null;
  unit_code: string | null;
  person_times: number;
  projectCodes: string[];
}
export interface ReserveRec {
  name: string;
  unit_code: string;
  industry: string | null;
  total_investment_yuan: number;
  status: string;
}

/** An update of a stored record; `version` is what the check read (the write fails if it moved since). */
export interface Change<T> {
  id: number;
  version: number;
  before: Partial<T>;
  after: Partial<T>;
  rec: T;
}
export interface SheetPlan<T> {
  creates: T[];
  updates: Change<T>[];
  unchanged: number;
  rows: number;
}
const emptyPlan = <T>(): SheetPlan<T> => ({ creates: [], updates: [], unchanged: 0, rows: 0 });

export interface Plan {
  /** `changes`: rows whose value differs from the setting in force (a stored default is no change) */
  settings: SheetPlan<{ key: string; value: string }> & { existing: Set<string>; changes: number };
  units: SheetPlan<UnitRec>;
  targets: SheetPlan<TargetRec>;
  investors: SheetPlan<InvestorRec> & { keyOf: Map<string, number | null> };
  projects: SheetPlan<ProjectRec> & { prevStage: Map<string, Stage | null>; stageMoved: Set<string> };
  funds: SheetPlan<FundRec>;
  activities: SheetPlan<ActivityRec> & { projectsChanged: Set<string> };
  reserve: SheetPlan<ReserveRec>;
  projectIdByCode: Map<string, number>;
  unitOfProject: Map<string, string>;
}

export function emptyLedgerPlan(): Plan {
  return {
    settings: { ...emptyPlan(), existing: new Set(), changes: 0 },
    units: emptyPlan(),
    targets: emptyPlan(),
    investors: { ...emptyPlan(), keyOf: new Map() },
    projects: { ...emptyPlan(), prevStage: new Map(), stageMoved: new Set() },
    funds: emptyPlan(),
    activities: { ...emptyPlan(), projectsChanged: new Set() },
    reserve: emptyPlan(),
    projectIdByCode: new Map(),
    unitOfProject: new Map(),
  };
}

/**
 * The database changed between the check (outside the write transaction) and the write: a record
 * updated or created by someone else, a period locked. The import checks again and retries.
 */
export class StaleImport extends Error {
  constructor(what: string) {
    super(`ledger import is stale: ${what}`);
  }
}

/** Throws StaleImport unless exactly `n` rows were updated (the version guard held). */
export function assertUpdated(r: { numUpdatedRows: bigint } | undefined, what: string, n = 1): void {
  if (Number(r?.numUpdatedRows ?? 0) !== n) throw new StaleImport(what);
}

/** investorKey of a project row whose sheet has no 投资方 column: leave the link as it is. */
export const KEEP_INVESTOR = '\u0000keep';

// ---------------------------------------------------------------------------------------------
// Checking

export class Checker {
  errors: LedgerError[] = [];
  count = 0;
  constructor(raw: RawWorkbook) {
    for (const e of raw.errors) this.push(e);
  }
  push(e: LedgerError): void {
    this.count++;
    if (this.errors.length < LEDGER_ERROR_LIST_CAP) this.errors.push(e);
  }
  err(sheet: RawSheet, row: number, column: string, message: string): void {
    this.push({ sheet: sheet.name, row, column, message });
  }
  /** Cell of a column, or undefined when the sheet has no such column. */
  cell(sheet: RawSheet, r: RawRow, column: string): Cell | undefined {
    const i = sheet.columns.get(column);
    return i === undefined ? undefined : (r.cells[i] ?? null);
  }
  has(sheet: RawSheet, column: string): boolean {
    return sheet.columns.has(column);
  }
  /** Reads a present column; on error records it and returns undefined. */
  get<T>(sheet: RawSheet, r: RawRow, column: string, reader: (c: Cell) => Read<T>, state: { bad: boolean }): T | undefined {
    const c = this.cell(sheet, r, column);
    if (c === undefined) return undefined;
    const res = reader(c);
    if (!res.ok) {
      this.err(sheet, r.row, column, res.message);
      state.bad = true;
      return undefined;
    }
    return res.value;
  }
  required<T>(
    sheet: RawSheet,
    r: RawRow,
    column: string,
    reader: (c: Cell) => Read<T | null | ''>,
    state: { bad: boolean },
    hint = '',
  ): T | undefined {
    const v = this.get(sheet, r, column, reader, state);
    if (state.bad && v === undefined && this.cell(sheet, r, column) !== undefined && this.lastWas(sheet, r, column)) return undefined;
    if (v === null || v === '' || v === undefined) {
      if (!this.lastWas(sheet, r, column)) this.err(sheet, r.row, column, `不能为空${hint ? `，${hint}` : ''}`);
      state.bad = true;
      return undefined;
    }
    return v as T;
  }
  /** True when the row already has an error on this column. */
  hasErrorAt(sheet: RawSheet, r: RawRow, column: string): boolean {
    return this.errors.some((e) => e.sheet === sheet.name && e.row === r.row && e.column === column);
  }
  private lastWas(sheet: RawSheet, r: RawRow, column: string): boolean {
    const e = this.errors[this.errors.length - 1];
    return !!e && e.sheet === sheet.name && e.row === r.row && e.column === column;
  }
}

/** The keys whose values differ, as before/after, or null when nothing changed. */
export function changed<T extends object>(existing: Partial<T>, next: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  let any = false;
  for (const k of Object.keys(next) as (keyof T)[]) {
    const a = existing[k] ?? null;
    const b = next[k] ?? null;
    if (a !== b) {
      before[k] = a as T[keyof T];
      after[k] = b as T[keyof T];
      any = true;
    }
  }
  return any ? { before, after } : null;
}

/** Only the keys whose columns are present (absent columns keep the stored value). */
export function pick<T extends object>(rec: T, present: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of present) out[k] = rec[k];
  return out;
}

/** What a sheet's check step sees: the database (read only), the file, and what earlier sheets found. */
export interface CheckContext {
  db: Tx;
  actor: Actor;
  raw: RawWorkbook;
  ck: Checker;
  plan: Plan;
  /** counts a checked row (progress); now and then lets the event loop serve other requests */
  tick(): Promise<void> | void;
  /** the home city after the 设置 sheet (origin scopes of investors are relative to it) */
  homeRegionCode: string;
  /** unit codes in the database or in the 单位 sheet */
  unitCodes: Set<string>;
  /** project codes in the database or in the 项目 sheet */
  projectCodes: Set<string>;
  /** project id → code of the projects in the database */
  projectCodeById: Map<number, string>;
}

/** Records an error when a unit code is neither in the database nor in the 单位 sheet. */
export function checkUnitCode(ctx: CheckContext, sheet: RawSheet, r: RawRow, column: string, code: string, st: { bad: boolean }): void {
  if (!ctx.unitCodes.has(code)) {
    ctx.ck.err(sheet, r.row, column, `单位代码“${code}”不存在：请先在“单位”表中列出该单位，或核对代码`);
    st.bad = true;
  }
}

/** What a sheet's apply step sees: the write transaction and the shared audit buffer. */
export interface WriteContext {
  tx: Tx;
  actor: Actor;
  plan: Plan;
  now: string;
  today: string;
  audits: AuditInput[];
  /** writes buffered audit rows (all of them when `all`) */
  flush(all?: boolean): Promise<void>;
  /** runs `fn` over chunks of `items`, reporting progress and flushing audits between chunks */
  insertChunks<T>(items: T[], fn: (chunk: T[]) => Promise<void>, onChunk?: (n: number) => void): Promise<void>;
  /** counts written records (progress) */
  step(n: number): void;
  /** "台账导入新增项目：P1 …" */
  summary(what: string, key: string): string;
  /** investor key (c:credit / n:name) → id, filled by the 项目 sheet's investors */
  investorId: Map<string, number>;
}

export type { Progress };

/**
 * Lets the event loop run (timers, sockets). better-sqlite3 answers synchronously, so a chain of
 * awaited queries never leaves the microtask queue: without this, /healthz and every other request
 * would wait for the whole import.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
