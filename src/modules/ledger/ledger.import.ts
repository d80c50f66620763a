// Ledger import (台账导入): read → check every row of every sheet against the file and the
// database → write all of it in one transaction, or nothing. Rows are matched by their keys, so a
// second import of the same file changes nothing. Each sheet checks and writes itself
// (sheets/*.sheet.ts, columns in ledger.columns.ts); this file runs them in LEDGER_ORDER.
import type { Db, Tx } from '../../db/database';
import { LEDGER_ORDER, LEDGER_SHEETS, type ImportResult, type LedgerSheetSummary } from '../../contracts/ledger';
import { todayIso } from '../../domain/period';
import { auditMany, nowIso, type AuditInput } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { getSettings } from '../settings/settings.service';
import { readLedgerWorkbook, type Progress, type RawWorkbook } from './ledger.read';
import { Checker, emptyLedgerPlan, type CheckContext, type Plan, type WriteContext } from './ledger.plan';
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
}

const BATCH = 500;

/** Checks every sheet in LEDGER_ORDER (references point backwards) and returns what would be written. */
async function buildPlan(db: Tx, actor: Actor, raw: RawWorkbook, ck: Checker, progress?: Progress): Promise<Plan> {
  let checked = 0;
  const ctx: CheckContext = {
    db, actor, raw, ck, plan: emptyLedgerPlan(),
    tick: () => {
      checked++;
      if (progress && checked % 5000 === 0) progress({ phase: 'check', done: checked, total: raw.rowCount });
    },
    homeRegionCode: (await getSettings(db)).homeRegionCode,
    unitCodes: new Set(), projectCodes: new Set(), projectCodeById: new Map(),
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
  const total = (['settings', 'units', 'targets', 'investors', 'projects', 'funds', 'activities', 'reserve'] as const)
    .reduce((n, k) => n + plan[k].creates.length + plan[k].updates.length, 0);
  let done = 0;
  const step = (n: number) => {
    const before = Math.floor(done / 2000);
    done += n;
    if (progress && (Math.floor(done / 2000) !== before || done === total)) progress({ phase: 'write', done, total });
  };
  const w: WriteContext = {
    tx, actor, plan, now: nowIso(), today: todayIso(), audits, flush, step,
    insertChunks: async (items, fn, onChunk = step) => {
      for (let i = 0; i < items.length; i += BATCH) {
        const chunk = items.slice(i, i + BATCH);
        await fn(chunk);
        onChunk(chunk.length);
        await flush();
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
    out.push({ sheet: LEDGER_SHEETS[key], rows: sheet.rows.length, created: p.creates.length, updated: p.updates.length, unchanged: p.unchanged });
  }
  return out;
}

/** Checks and (unless dryRun) imports a ledger workbook, all or nothing. */
export async function importLedgerFile(db: Db, actor: Actor, filePath: string, opts: ImportOptions = {}): Promise<ImportResult> {
  requirePermission(actor, 'ledger.import');
  const t0 = Date.now();
  const progress = opts.onProgress;
  progress?.({ phase: 'read', done: 0 });
  const raw = await readLedgerWorkbook(filePath, progress);
  const run = async (tx: Tx, write: boolean): Promise<ImportResult> => {
    const ck = new Checker(raw);
    const plan = await buildPlan(tx, actor, raw, ck, progress);
    const ok = ck.count === 0;
    if (ok && write) await applyPlan(tx, actor, plan, progress);
    const inv = plan.investors;
    progress?.({ phase: 'done', done: raw.rowCount, total: raw.rowCount });
    return {
      ok, dryRun: !write, committed: ok && write,
      sheets: summaries(plan, raw),
      investors: { sheet: '投资方', rows: inv.rows, created: inv.creates.length, updated: inv.updates.length, unchanged: inv.unchanged },
      errors: ck.errors, errorCount: ck.count, ignoredSheets: raw.ignored, rows: raw.rowCount, durationMs: Date.now() - t0,
    };
  };
  if (opts.dryRun) return run(db, false);
  return db.transaction().execute((tx) => run(tx, true));
}
