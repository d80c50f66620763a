// Ledger import (台账导入): read → check every row of every sheet against the file and the
// database (outside any transaction) → write all of it in one short transaction, or nothing. Rows are matched by their keys, so a
// second import of the same file changes nothing. Each sheet checks and writes itself
// (sheets/*.sheet.ts, columns in ledger.columns.ts); this file runs them in LEDGER_ORDER.
import type { Db, Tx } from '../../db/database';
import { LEDGER_ORDER, LEDGER_SHEETS, type ImportResult, type LedgerSheetKey, type LedgerSheetSummary } from '../../contracts/ledger';
import { AppError } from '../../domain/errors';
import { todayIso } from '../../domain/period';
import { auditMany, nowIso, type AuditInput } from '../audit/audit.service';
import { can, requirePermission, type Actor } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import { getSettings } from '../settings/settings.service';
import { readLedgerWorkbook, type Progress, type RawWorkbook } from './ledger.read';
import { Checker, emptyLedgerPlan, StaleImport, yieldToEventLoop, type CheckContext, type Plan, type WriteContext } from './ledger.plan';
import { applySettings, checkSettings } from './sheets/settings.sheet';
import { applyUnits, checkUnits } from './sheets/units.sheet';
import { applyTargets, checkTargets } from './sheets/targets.sheet';
import { applyInvestors, applyProjects, checkProjects } from './sheets/projects.sheet';
import { applyFunds, checkFunds } from './sheets/funds.sheet';
import { applyActivities, checkActivities } from './sheets/activities.sheet';
import { applyReserve, checkReserve } from './sheets/reserve.sheet';

export type { ImportResult } from '../../contracts/ledger';

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: Progress;
  /** runs after each check, outside the transaction (tests: someone writes between check and write) */
  afterCheck?: (attempt: number) => Promise<void>;
  /** runs inside the write transaction after every write (tests: a failure here must leave nothing) */
  beforeCommit?: (tx: Tx) => Promise<void>;
}

const BATCH = 500;

/** Checks every sheet in LEDGER_ORDER (references point backwards) and returns what would be written. */
async function buildPlan(db: Tx, actor: Actor, raw: RawWorkbook, ck: Checker, progress?: Progress): Promise<Plan> {
  let checked = 0;
  const ctx: CheckContext = {
    db,
    actor,
    raw,
    ck,
    plan: emptyLedgerPlan(),
    tick: () => {
      checked++;
      if (progress && checked % 5000 === 0) progress({ phase: 'check', done: checked, total: raw.rowCount });
      return checked % 500 === 0 ? yieldToEventLoop() : undefined;
    },
    homeRegionCode: (await getSettings(db)).homeRegionCode,
    unitCodes: new Set(),
    projectCodes: new Set(),
    projectCodeById: new Map(),
  };
  await checkSettings(ctx);
  await checkUnits(ctx);
  await checkTargets(ctx);
  await checkProjects(ctx);
  await checkFunds(ctx);
  await checkActivities(ctx);
  await checkReserve(ctx);
  progress?.({ phase: 'check', done: raw.rowCount, total: raw.rowCount });
  return ctx.plan;
}

/** Writes the plan in LEDGER_ORDER; audit rows go out as they accumulate, so memory does not grow with the ledger. */
async function applyPlan(tx: Tx, actor: Actor, plan: Plan, progress?: Progress): Promise<void> {
  const audits: AuditInput[] = [];
  const flush = async (all = false) => {
    if (audits.length >= 2000 || (all && audits.length)) await auditMany(tx, actor, audits.splice(0));
  };
  const total = (['settings', 'units', 'targets', 'investors', 'projects', 'funds', 'activities', 'reserve'] as const).reduce(
    (n, k) => n + plan[k].creates.length + plan[k].updates.length,
    0,
  );
  let done = 0;
  const step = (n: number) => {
    const before = Math.floor(done / 2000);
    done += n;
    if (progress && (Math.floor(done / 2000) !== before || done === total)) progress({ phase: 'write', done, total });
  };
  const w: WriteContext = {
    tx,
    actor,
    plan,
    now: nowIso(),
    today: todayIso(),
    audits,
    flush,
    step,
    insertChunks: async (items, fn, onChunk = step) => {
      for (let i = 0; i < items.length; i += BATCH) {
        const chunk = items.slice(i, i + BATCH);
        await fn(chunk);
        onChunk(chunk.length);
        await flush();
        await yieldToEventLoop();
      }
    },
    summary: (what, key) => `台账导入${what}：${key}`,
    investorId: new Map(),
  };
  progress?.({ phase: 'write', done: 0, total });
  await applySettings(w);
  await applyUnits(w);
  await applyTargets(w);
  await applyInvestors(w);
  await applyProjects(w);
  await applyFunds(w);
  await applyActivities(w);
  await applyReserve(w);
  await flush(true);
}

function summaries(plan: Plan, raw: RawWorkbook): LedgerSheetSummary[] {
  const out: LedgerSheetSummary[] = [];
  for (const key of LEDGER_ORDER) {
    const sheet = raw.sheets.get(key);
    if (!sheet) continue;
    const p = plan[key];
    out.push({
      sheet: LEDGER_SHEETS[key],
      rows: sheet.rows.length,
      created: p.creates.length,
      updated: p.updates.length,
      unchanged: p.unchanged,
    });
  }
  return out;
}

/** Sheets that change what only another role may change, exactly as their APIs require. */
const SHEET_PERMISSIONS = [
  { key: 'settings', permission: 'settings.write', what: '系统设置' },
  { key: 'units', permission: 'unit.write', what: '单位' },
] as const satisfies readonly { key: LedgerSheetKey; permission: Permission; what: string }[];

/** Refuses the whole import when it would write a sheet the actor may not change (unchanged rows are fine). */
function assertSheetPermissions(actor: Actor, plan: Plan): void {
  for (const s of SHEET_PERMISSIONS) {
    const n = s.key === 'settings' ? plan.settings.changes : plan.units.creates.length + plan.units.updates.length;
    if (n === 0 || can(actor, s.permission)) continue;
    throw new AppError(
      'forbidden',
      `导入被拒绝：「${LEDGER_SHEETS[s.key]}」工作表只能由系统管理员导入（本文件将新增或修改 ${n} 条${s.what}）。` +
        `请从文件中删除「${LEDGER_SHEETS[s.key]}」工作表（或撤销其中的修改）后重新导入，或请系统管理员修改。未写入任何数据。`,
    );
  }
}

/** A unique or foreign-key violation: someone wrote the same key (or removed a referenced row) meanwhile. */
function isConstraintRace(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (/^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY|FOREIGNKEY)$/.test(code) || code === '23505' || code === '23503')
  );
}

const ATTEMPTS = 3;

/**
 * Checks and (unless dryRun) imports a ledger workbook, all or nothing. Reading and checking run
 * outside any transaction (other users keep reading and writing meanwhile); the write runs in one
 * short transaction that fails as a whole when the database moved under it — a record changed since
 * the check, a key created, a month locked — and then the import checks again (at most 3 times).
 */
export async function importLedgerFile(db: Db, actor: Actor, filePath: string, opts: ImportOptions = {}): Promise<ImportResult> {
  requirePermission(actor, 'ledger.import');
  const t0 = Date.now();
  const progress = opts.onProgress;
  progress?.({ phase: 'read', done: 0 });
  const raw = await readLedgerWorkbook(filePath, progress);
  for (let attempt = 1; ; attempt++) {
    const ck = new Checker(raw);
    const plan = await buildPlan(db, actor, raw, ck, progress);
    assertSheetPermissions(actor, plan);
    const ok = ck.count === 0;
    const write = ok && !opts.dryRun;
    await opts.afterCheck?.(attempt);
    if (write) {
      try {
        await db.transaction().execute(async (tx) => {
          await assertStillOpen(tx, plan);
          await applyPlan(tx, actor, plan, progress);
          await opts.beforeCommit?.(tx);
        });
      } catch (e) {
        if (!(e instanceof StaleImport || isConstraintRace(e))) throw e;
        if (attempt >= ATTEMPTS) {
          throw new AppError('conflict', '导入期间其他用户一直在修改相同的数据，已重试3次仍未写入（未写入任何数据）。请稍后重新导入。');
        }
        continue;
      }
    }
    const inv = plan.investors;
    progress?.({ phase: 'done', done: raw.rowCount, total: raw.rowCount });
    return {
      ok,
      dryRun: !!opts.dryRun,
      committed: write,
      sheets: summaries(plan, raw),
      investors: { sheet: '投资方', rows: inv.rows, created: inv.creates.length, updated: inv.updates.length, unchanged: inv.unchanged },
      errors: ck.errors,
      errorCount: ck.count,
      ignoredSheets: raw.ignored,
      rows: raw.rowCount,
      durationMs: Date.now() - t0,
    };
  }
}

/** A month locked after the check: check again (the rows of that month then become errors). */
async function assertStillOpen(tx: Tx, plan: Plan): Promise<void> {
  const periods = new Set([...plan.funds.creates.map((f) => f.period), ...plan.funds.updates.map((f) => f.rec.period)]);
  if (!periods.size) return;
  const locked = await tx.selectFrom('period_locks').select('period').execute();
  if (locked.some((l) => periods.has(l.period))) throw new StaleImport('a month was locked');
}
