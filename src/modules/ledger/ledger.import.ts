// Ledger import (台账导入): read → check every row of every sheet against the file and the
// database → write all of it in one transaction, or nothing. Rows are matched by their keys, so a
// second import of the same file changes nothing.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import {
  LEDGER_ERROR_LIST_CAP, LEDGER_ORDER, LEDGER_SETTING_KEYS, LEDGER_SHEETS,
  type ImportResult, type LedgerError, type LedgerSheetKey, type LedgerSheetSummary,
} from '../../contracts/ledger';
import { validateCreditCode } from '../../domain/creditCode';
import { originScope, resolveOrigin } from '../../domain/origin';
import { parsePeriod, todayIso } from '../../domain/period';
import { stageFromLedgerLabel, type Stage } from '../../domain/stages';
import {
  activityKindFromLabel, projectTypeFromLabel, reserveStatusFromLabel, targetIndicatorFromLabel, unitKindFromLabel,
  type TargetIndicator,
} from '../../domain/labels';
import { AppError } from '../../domain/errors';
import { auditMany, nowIso, type AuditInput } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { getSettings } from '../settings/settings.service';
import { setLargeThreshold } from '../stats/rollups';
import { readLedgerWorkbook, type Cell, type Progress, type RawRow, type RawSheet, type RawWorkbook } from './ledger.read';
import { readCode, readCount, readDate, readPeriod, readText, readWan, type Read } from './ledger.cells';

export type { ImportResult } from '../../contracts/ledger';

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: Progress;
}

const BATCH = 500;
/** investorKey of a project row whose sheet has no 投资方 column: leave the link as it is. */
const KEEP_INVESTOR = '\u0000keep';
const STAGE_CHOICES = '线索/在谈/意向/协议/合同/开工/投产/终止';
const STAGE_DATE: Partial<Record<Stage, 'contract_date' | 'start_date' | 'operating_date'>> = {
  contract: 'contract_date', started: 'start_date', operating: 'operating_date',
};
const DATE_COLUMN = { contract_date: '签约日期', start_date: '开工日期', operating_date: '投产日期' } as const;

// ---------------------------------------------------------------------------------------------
// Planned writes

interface UnitRec { code: string; name: string; kind: string }
interface TargetRec { year: number; unit_code: string; indicator: TargetIndicator; base_value: number; stretch_value: number | null }
interface InvestorRec {
  name: string; credit_code: string | null; origin_input: string | null; origin_code: string | null;
  origin_name: string | null; origin_kind: string | null; origin_scope: string | null;
}
interface ProjectRec {
  code: string; name: string; unit_code: string; owner: string | null; investorKey: string | null;
  industry: string | null; project_type: string | null; total_investment_yuan: number; foreign_usd: number;
  stage: Stage; contract_date: string | null; start_date: string | null; operating_date: string | null;
  dropped_reason: string | null;
}
interface FundRec { projectCode: string; period: string; amount_yuan: number; foreign_usd: number; status: string }
interface ActivityRec {
  name: string; kind: string; start_date: string; end_date: string | null; destination: string | null;
  unit_code: string | null; person_times: number; projectCodes: string[];
}
interface ReserveRec { name: string; unit_code: string; industry: string | null; total_investment_yuan: number; status: string }

interface Change<T> { id: number; before: Partial<T>; after: Partial<T>; rec: T }
interface SheetPlan<T> { creates: T[]; updates: Change<T>[]; unchanged: number; rows: number }
const emptyPlan = <T>(): SheetPlan<T> => ({ creates: [], updates: [], unchanged: 0, rows: 0 });

interface Plan {
  settings: SheetPlan<{ key: string; value: string }> & { existing: Set<string> };
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

// ---------------------------------------------------------------------------------------------
// Checking

class Checker {
  errors: LedgerError[] = [];
  count = 0;
  constructor(private raw: RawWorkbook) {
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
  /** Reads a present column; on error records it and returns `fail`. */
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
  required<T>(sheet: RawSheet, r: RawRow, column: string, reader: (c: Cell) => Read<T | null | ''>, state: { bad: boolean }, hint = ''): T | undefined {
    const v = this.get(sheet, r, column, reader, state);
    if (state.bad && v === undefined && this.cell(sheet, r, column) !== undefined && this.lastWas(sheet, r, column)) return undefined;
    if (v === null || v === '' || v === undefined) {
      if (!this.lastWas(sheet, r, column)) this.err(sheet, r.row, column, `不能为空${hint ? `，${hint}` : ''}`);
      state.bad = true;
      return undefined;
    }
    return v as T;
  }
  private lastWas(sheet: RawSheet, r: RawRow, column: string): boolean {
    const e = this.errors[this.errors.length - 1];
    return !!e && e.sheet === sheet.name && e.row === r.row && e.column === column;
  }
}

function changed<T extends object>(existing: Partial<T>, next: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  let any = false;
  for (const k of Object.keys(next) as (keyof T)[]) {
    const a = existing[k] ?? null;
    const b = next[k] ?? null;
    if (a !== b) { before[k] = a as T[keyof T]; after[k] = b as T[keyof T]; any = true; }
  }
  return any ? { before, after } : null;
}

/** Only the keys whose columns are present (absent columns keep the stored value). */
function pick<T extends object>(rec: T, present: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of present) out[k] = rec[k];
  return out;
}

async function buildPlan(db: Tx, actor: Actor, raw: RawWorkbook, ck: Checker, progress?: Progress): Promise<Plan> {
  const plan: Plan = {
    settings: { ...emptyPlan(), existing: new Set() },
    units: emptyPlan(), targets: emptyPlan(),
    investors: { ...emptyPlan(), keyOf: new Map() },
    projects: { ...emptyPlan(), prevStage: new Map(), stageMoved: new Set() },
    funds: emptyPlan(),
    activities: { ...emptyPlan(), projectsChanged: new Set() },
    reserve: emptyPlan(),
    projectIdByCode: new Map(), unitOfProject: new Map(),
  };
  const S = raw.sheets;
  let checked = 0;
  const tick = () => {
    checked++;
    if (progress && checked % 5000 === 0) progress({ phase: 'check', done: checked, total: raw.rowCount });
  };

  // --- 设置 ------------------------------------------------------------------------------------
  const settings = await getSettings(db);
  let homeRegionCode = settings.homeRegionCode;
  const settingSheet = S.get('settings');
  if (settingSheet) {
    const stored = new Map((await db.selectFrom('settings').select(['key', 'value']).execute()).map((r) => [r.key, r.value]));
    const seen = new Map<string, number>();
    for (const r of settingSheet.rows) {
      tick();
      const st = { bad: false };
      const key = ck.required(settingSheet, r, '键', (c) => readText(c, 64), st);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first !== undefined) { ck.err(settingSheet, r.row, '键', `“${key}”与第${first}行重复`); continue; }
      seen.set(key, r.row);
      if (!(LEDGER_SETTING_KEYS as readonly string[]).includes(key)) {
        ck.err(settingSheet, r.row, '键', `“${key}”不是可导入的设置（可用：${LEDGER_SETTING_KEYS.join('、')}）`);
        continue;
      }
      let value: unknown;
      if (key === 'homeRegionCode') {
        const code = ck.required(settingSheet, r, '值', (c) => readCode(c, 16), st, '请填写本市6位行政区划代码，例如 220200');
        if (code === undefined) continue;
        const region = /^\d{6}$/.test(code) ? resolveOrigin(code) : null;
        if (!region || region.kind !== 'region') {
          ck.err(settingSheet, r.row, '值', `“${code}”不是有效的6位行政区划代码，例如吉林市为 220200`);
          continue;
        }
        value = code;
        homeRegionCode = code;
      } else {
        const n = ck.required(settingSheet, r, '值', (c) => readCount(c, '万元整数'), st);
        if (n === undefined) continue;
        value = n;
      }
      const json = JSON.stringify(value);
      plan.settings.rows++;
      const old = stored.get(key);
      if (old === undefined) plan.settings.creates.push({ key, value: json });
      else if (old !== json) plan.settings.updates.push({ id: 0, before: { key, value: old }, after: { key, value: json }, rec: { key, value: json } });
      else plan.settings.unchanged++;
      if (old !== undefined) plan.settings.existing.add(key);
    }
  }

  // --- 单位 ------------------------------------------------------------------------------------
  const dbUnits = await db.selectFrom('units').select(['id', 'code', 'name', 'kind']).execute();
  const unitByCode = new Map(dbUnits.map((u) => [u.code, u]));
  const unitCodes = new Set(dbUnits.map((u) => u.code));
  const unitSheet = S.get('units');
  if (unitSheet) {
    const seen = new Map<string, number>();
    const finalKind = new Map(dbUnits.map((u) => [u.code, u.kind]));
    const cityRows: { row: number; code: string }[] = [];
    for (const r of unitSheet.rows) {
      tick();
      const st = { bad: false };
      const code = ck.required(unitSheet, r, '单位代码', (c) => readCode(c, 32), st);
      const name = ck.required(unitSheet, r, '单位名称', (c) => readText(c, 100), st);
      const kindText = ck.required(unitSheet, r, '类型', (c) => readText(c), st, '请填写 市/县市区/开发区/市直部门');
      let kind: string | null = null;
      if (kindText !== undefined) {
        kind = unitKindFromLabel(kindText);
        if (!kind) { ck.err(unitSheet, r.row, '类型', `“${kindText}”不是有效类型 (市/县市区/开发区/市直部门)`); st.bad = true; }
      }
      if (code !== undefined && !/^[A-Za-z0-9_-]+$/.test(code)) {
        ck.err(unitSheet, r.row, '单位代码', `“${code}”只能包含字母、数字、下划线和短横线`);
        st.bad = true;
      }
      if (code !== undefined) {
        const first = seen.get(code);
        if (first !== undefined) { ck.err(unitSheet, r.row, '单位代码', `“${code}”与第${first}行重复`); continue; }
        seen.set(code, r.row);
        unitCodes.add(code);
      }
      if (st.bad || code === undefined || name === undefined || !kind) continue;
      finalKind.set(code, kind);
      if (kind === 'city') cityRows.push({ row: r.row, code });
      plan.units.rows++;
      const rec: UnitRec = { code, name, kind };
      const ex = unitByCode.get(code);
      if (!ex) plan.units.creates.push(rec);
      else {
        const d = changed<UnitRec>(ex, rec);
        if (d) plan.units.updates.push({ id: ex.id, ...d, rec });
        else plan.units.unchanged++;
      }
    }
    const cities = [...finalKind].filter(([, k]) => k === 'city').map(([c]) => c);
    if (cities.length > 1) {
      for (const cr of cityRows) {
        const others = cities.filter((c) => c !== cr.code);
        const otherDb = others.filter((c) => unitByCode.get(c)?.kind === 'city' && !seen.has(c));
        ck.err(unitSheet, cr.row, '类型', otherDb.length
          ? `系统中已有市级单位 ${otherDb.join('、')}（${unitByCode.get(otherDb[0]!)?.name ?? ''}），只能有一个“市”级单位；请使用该单位代码，或先修改原单位`
          : `只能有一个“市”级单位，本表中还有 ${others.join('、')}`);
      }
    }
  }
  const unitCheck = (sheet: RawSheet, r: RawRow, column: string, code: string, st: { bad: boolean }) => {
    if (!unitCodes.has(code)) {
      ck.err(sheet, r.row, column, `单位代码“${code}”不存在：请先在“单位”表中列出该单位，或核对代码`);
      st.bad = true;
    }
  };

  // --- 目标 ------------------------------------------------------------------------------------
  const targetSheet = S.get('targets');
  if (targetSheet) {
    const existing = new Map((await db.selectFrom('targets').select(['id', 'year', 'unit_code', 'indicator', 'base_value', 'stretch_value']).execute())
      .map((t) => [`${t.year}|${t.unit_code}|${t.indicator}`, t]));
    const seen = new Map<string, number>();
    for (const r of targetSheet.rows) {
      tick();
      const st = { bad: false };
      const year = ck.required(targetSheet, r, '年度', (c) => readCount(c, '年度（如 2026）'), st);
      if (year !== undefined && (year < 2000 || year > 2100)) { ck.err(targetSheet, r.row, '年度', `“${year}”不是有效年度，例如 2026`); st.bad = true; }
      const unit = ck.required(targetSheet, r, '单位代码', (c) => readCode(c, 32), st);
      if (unit !== undefined) unitCheck(targetSheet, r, '单位代码', unit, st);
      const indText = ck.required(targetSheet, r, '指标', (c) => readText(c), st, '请填写 到位资金/利用外资/签约项目数');
      let ind: TargetIndicator | null = null;
      if (indText !== undefined) {
        ind = targetIndicatorFromLabel(indText);
        if (!ind) { ck.err(targetSheet, r.row, '指标', `“${indText}”不是有效指标 (到位资金/利用外资/签约项目数)`); st.bad = true; }
      }
      const reader = (c: Cell) => ind === 'contracts' ? readCount(c, '签约项目个数') : readWan(c, ind === 'foreign' ? '万美元' : '万元');
      const base = ck.required(targetSheet, r, '确保', reader, st);
      const stretch = ck.get(targetSheet, r, '力争', reader, st);
      if (year === undefined || unit === undefined || !ind) continue;
      const key = `${year}|${unit}|${ind}`;
      const first = seen.get(key);
      if (first !== undefined) { ck.err(targetSheet, r.row, '指标', `${year}年 ${unit} 的“${indText}”目标与第${first}行重复`); continue; }
      seen.set(key, r.row);
      if (st.bad || base === undefined) continue;
      plan.targets.rows++;
      const rec: TargetRec = { year, unit_code: unit, indicator: ind, base_value: base, stretch_value: stretch ?? null };
      const ex = existing.get(key);
      const present: (keyof TargetRec)[] = ['base_value', ...(ck.has(targetSheet, '力争') ? ['stretch_value' as const] : [])];
      if (!ex) plan.targets.creates.push(rec);
      else {
        const d = changed(ex as Partial<TargetRec>, pick(rec, present));
        if (d) plan.targets.updates.push({ id: ex.id, ...d, rec });
        else plan.targets.unchanged++;
      }
    }
  }

  // --- 项目 (and their investors) -----------------------------------------------------------
  const dbProjects = await db.selectFrom('projects')
    .select(['id', 'code', 'name', 'unit_code', 'owner', 'investor_id', 'industry', 'project_type', 'total_investment_yuan',
      'foreign_usd', 'stage', 'contract_date', 'start_date', 'operating_date', 'dropped_reason'])
    .execute();
  const projectByCode = new Map(dbProjects.map((p) => [p.code, p]));
  for (const p of dbProjects) { plan.projectIdByCode.set(p.code, p.id); plan.unitOfProject.set(p.code, p.unit_code); }
  const projectCodes = new Set(projectByCode.keys());
  const projectSheet = S.get('projects');
  if (projectSheet) {
    const dbInvestors = await db.selectFrom('investors')
      .select(['id', 'name', 'credit_code', 'origin_input', 'origin_code', 'origin_name', 'origin_kind', 'origin_scope']).execute();
    const invById = new Map(dbInvestors.map((i) => [i.id, i]));
    const invByCredit = new Map<string, (typeof dbInvestors)[number]>();
    const invByName = new Map<string, (typeof dbInvestors)[number]>();
    for (const i of dbInvestors) {
      if (i.credit_code) invByCredit.set(i.credit_code, i);
      const prev = invByName.get(i.name);
      if (!prev || (prev.credit_code && !i.credit_code)) invByName.set(i.name, i);
    }
    const invPlan = new Map<string, { rec: InvestorRec; row: number; existingId: number | null; originGiven: boolean }>();
    const seen = new Map<string, number>();
    const existingRows: { rec: ProjectRec; ex: (typeof dbProjects)[number] }[] = [];
    const hasOrigin = ck.has(projectSheet, '投资方所在地');
    for (const r of projectSheet.rows) {
      tick();
      const st = { bad: false };
      const code = ck.required(projectSheet, r, '项目编号', (c) => readCode(c, 64), st);
      const name = ck.required(projectSheet, r, '项目名称', (c) => readText(c, 200), st);
      const unit = ck.required(projectSheet, r, '承办单位代码', (c) => readCode(c, 32), st);
      if (unit !== undefined) unitCheck(projectSheet, r, '承办单位代码', unit, st);
      const owner = ck.get(projectSheet, r, '责任人', (c) => readText(c, 100), st);
      const invName = ck.get(projectSheet, r, '投资方', (c) => readText(c, 200), st);
      const creditText = ck.get(projectSheet, r, '统一社会信用代码', (c) => readText(c, 40), st);
      const originText = ck.get(projectSheet, r, '投资方所在地', (c) => readText(c, 100), st);
      const industry = ck.get(projectSheet, r, '行业', (c) => readText(c, 100), st);
      const typeText = ck.get(projectSheet, r, '项目类型', (c) => readText(c), st);
      const total = ck.get(projectSheet, r, '总投资(万元)', (c) => readWan(c, '万元'), st);
      const foreign = ck.get(projectSheet, r, '其中外资(万美元)', (c) => readWan(c, '万美元'), st);
      const stageText = ck.required(projectSheet, r, '阶段', (c) => readText(c), st, `请填写 ${STAGE_CHOICES}`);
      const dates = {
        contract_date: ck.get(projectSheet, r, '签约日期', readDate, st) ?? null,
        start_date: ck.get(projectSheet, r, '开工日期', readDate, st) ?? null,
        operating_date: ck.get(projectSheet, r, '投产日期', readDate, st) ?? null,
      };
      let stage: Stage | null = null;
      if (stageText !== undefined) {
        stage = stageFromLedgerLabel(stageText);
        if (!stage) { ck.err(projectSheet, r.row, '阶段', `"${stageText}" 不是有效阶段 (${STAGE_CHOICES})`); st.bad = true; }
      }
      if (stage) {
        const need = STAGE_DATE[stage];
        if (need && !dates[need] && ck.has(projectSheet, DATE_COLUMN[need])) {
          if (!ck.errors.some((e) => e.sheet === projectSheet.name && e.row === r.row && e.column === DATE_COLUMN[need])) {
            ck.err(projectSheet, r.row, DATE_COLUMN[need], `阶段为“${stageText}”的项目须填写${DATE_COLUMN[need]}`);
          }
          st.bad = true;
        } else if (need && !ck.has(projectSheet, DATE_COLUMN[need])) {
          ck.err(projectSheet, r.row, '阶段', `阶段为“${stageText}”的项目须填写${DATE_COLUMN[need]}，但表中没有“${DATE_COLUMN[need]}”列`);
          st.bad = true;
        }
      }
      let projectType: string | null = null;
      if (typeText) {
        projectType = projectTypeFromLabel(typeText);
        if (!projectType) { ck.err(projectSheet, r.row, '项目类型', `“${typeText}”不是有效项目类型 (工业/服务业/农业/基础设施/其他)`); st.bad = true; }
      }
      let credit: string | null = null;
      if (creditText) {
        const v = validateCreditCode(creditText);
        if (!v.ok) { ck.err(projectSheet, r.row, '统一社会信用代码', `“${creditText}”有误：${v.reason}`); st.bad = true; }
        else credit = v.code;
        if (!invName) { ck.err(projectSheet, r.row, '投资方', '填写了统一社会信用代码，但未填写投资方名称'); st.bad = true; }
      }
      let origin: ReturnType<typeof resolveOrigin> = null;
      if (originText) {
        origin = resolveOrigin(originText);
        if (!origin) {
          ck.err(projectSheet, r.row, '投资方所在地', `“${originText}”无法识别：请填写省市名称（如 浙江省杭州市）、6位行政区划代码，或国家/地区（如 香港、美国）`);
          st.bad = true;
        }
        if (!invName) { ck.err(projectSheet, r.row, '投资方', '填写了投资方所在地，但未填写投资方名称'); st.bad = true; }
      }
      if (code !== undefined) {
        const first = seen.get(code);
        if (first !== undefined) { ck.err(projectSheet, r.row, '项目编号', `“${code}”与第${first}行重复`); continue; }
        seen.set(code, r.row);
        projectCodes.add(code);
        if (unit !== undefined) plan.unitOfProject.set(code, unit);
      }
      // Investor: one per credit code, else per exact name.
      let investorKey: string | null = null;
      if (invName) {
        investorKey = credit ? `c:${credit}` : `n:${invName}`;
        const rec: InvestorRec = {
          name: invName, credit_code: credit,
          origin_input: originText || null, origin_code: origin?.code ?? null, origin_name: origin?.name ?? null,
          origin_kind: origin?.kind ?? null, origin_scope: origin ? originScope(origin, homeRegionCode) : null,
        };
        const prev = invPlan.get(investorKey);
        if (prev) {
          if (prev.rec.name !== invName) {
            ck.err(projectSheet, r.row, '投资方', `统一社会信用代码 ${credit} 在第${prev.row}行对应的投资方是“${prev.rec.name}”，同一代码不能对应不同名称`);
            st.bad = true;
          } else if (originText && prev.originGiven && prev.rec.origin_code !== rec.origin_code) {
            ck.err(projectSheet, r.row, '投资方所在地', `同一投资方“${invName}”在第${prev.row}行的所在地为“${prev.rec.origin_input}”，两处不一致`);
            st.bad = true;
          } else if (originText && !prev.originGiven) {
            prev.rec = { ...rec }; prev.originGiven = true;
          }
        } else {
          const ex = (credit ? invByCredit.get(credit) ?? (() => { const n = invByName.get(invName); return n && !n.credit_code ? n : undefined; })() : invByName.get(invName)) ?? null;
          invPlan.set(investorKey, { rec, row: r.row, existingId: ex?.id ?? null, originGiven: !!originText });
        }
      }
      if (st.bad || code === undefined || name === undefined || unit === undefined || !stage) continue;
      plan.projects.rows++;
      const ex = projectByCode.get(code);
      const rec: ProjectRec = {
        code, name, unit_code: unit, owner: owner || null, investorKey, industry: industry || null, project_type: projectType,
        total_investment_yuan: total ?? 0, foreign_usd: foreign ?? 0, stage, ...dates,
        dropped_reason: stage === 'dropped' ? (ex?.dropped_reason ?? '台账导入') : null,
      };
      plan.projects.prevStage.set(code, ex ? (ex.stage as Stage) : null);
      if (!ex) { plan.projects.creates.push(rec); plan.projects.stageMoved.add(code); continue; }
      existingRows.push({ rec, ex });
    }
    // Investors: create or update.
    for (const [key, ip] of invPlan) {
      plan.investors.rows++;
      plan.investors.keyOf.set(key, ip.existingId);
      if (ip.existingId === null) { plan.investors.creates.push(ip.rec); continue; }
      const ex = invById.get(ip.existingId)!;
      const present: (keyof InvestorRec)[] = ['name', 'credit_code'];
      if (hasOrigin && ip.originGiven) present.push('origin_input', 'origin_code', 'origin_name', 'origin_kind', 'origin_scope');
      const next = pick(ip.rec, present);
      if (!ip.rec.credit_code && ex.credit_code) delete next.credit_code; // matched by name: keep its code
      const d = changed(ex as Partial<InvestorRec>, next);
      if (d) plan.investors.updates.push({ id: ex.id, ...d, rec: ip.rec });
      else plan.investors.unchanged++;
    }
    // Existing projects: compare the present columns; the investor by resolved id.
    const cols: [string, keyof ProjectRec][] = [
      ['责任人', 'owner'], ['行业', 'industry'], ['项目类型', 'project_type'], ['总投资(万元)', 'total_investment_yuan'],
      ['其中外资(万美元)', 'foreign_usd'], ['签约日期', 'contract_date'], ['开工日期', 'start_date'], ['投产日期', 'operating_date'],
    ];
    const present: (keyof ProjectRec)[] = ['name', 'unit_code', 'stage', 'dropped_reason', ...cols.filter(([h]) => ck.has(projectSheet, h)).map(([, k]) => k)];
    const invCol = ck.has(projectSheet, '投资方');
    for (const { rec, ex } of existingRows) {
      const next: Record<string, unknown> = pick(rec, present);
      const old: Record<string, unknown> = { ...ex };
      if (invCol) {
        const id = rec.investorKey === null ? null : plan.investors.keyOf.get(rec.investorKey);
        next.investor_id = id === undefined || id === null ? (rec.investorKey === null ? null : `new:${rec.investorKey}`) : id;
      }
      const d = changed(old, next);
      if (!invCol) rec.investorKey = KEEP_INVESTOR;
      if (d) {
        plan.projects.updates.push({ id: ex.id, before: d.before as Partial<ProjectRec>, after: d.after as Partial<ProjectRec>, rec });
        if (rec.stage !== ex.stage) plan.projects.stageMoved.add(rec.code);
      } else plan.projects.unchanged++;
    }
  }

  // --- 到位资金 --------------------------------------------------------------------------------
  const fundSheet = S.get('funds');
  if (fundSheet) {
    const existing = new Map<string, { id: number; amount_yuan: number; foreign_usd: number; status: string; unit_code: string }>();
    const idToCode = new Map([...projectByCode.values()].map((p) => [p.id, p.code]));
    for (const f of await db.selectFrom('fund_entries').select(['id', 'project_id', 'period', 'amount_yuan', 'foreign_usd', 'status', 'unit_code'])
      .where('kind', '=', 'regular').execute()) {
      const code = idToCode.get(f.project_id);
      if (code !== undefined) existing.set(`${code}|${f.period}`, f);
    }
    const locked = new Set((await db.selectFrom('period_locks').select('period').execute()).map((l) => l.period));
    const seen = new Map<string, number>();
    for (const r of fundSheet.rows) {
      tick();
      const st = { bad: false };
      const code = ck.required(fundSheet, r, '项目编号', (c) => readCode(c, 64), st);
      if (code !== undefined && !projectCodes.has(code)) {
        ck.err(fundSheet, r.row, '项目编号', `项目“${code}”不存在：请先在“项目”表中列出该项目，或核对编号`);
        st.bad = true;
      }
      const period = ck.required(fundSheet, r, '月份', readPeriod, st, '请按 YYYY-MM 填写，例如 2026-05');
      const amount = ck.required(fundSheet, r, '到位金额(万元)', (c) => readWan(c, '万元'), st);
      const foreign = ck.get(fundSheet, r, '其中外资(万美元)', (c) => readWan(c, '万美元'), st);
      const statusText = ck.get(fundSheet, r, '状态', (c) => readText(c), st);
      let status = 'submitted';
      if (statusText) {
        if (statusText === '已核实' || statusText === 'verified') status = 'verified';
        else if (statusText === '待核实' || statusText === 'submitted') status = 'submitted';
        else { ck.err(fundSheet, r.row, '状态', `“${statusText}”不是有效状态 (待核实/已核实)`); st.bad = true; }
      }
      if (code === undefined || period === undefined) continue;
      const key = `${code}|${period}`;
      const first = seen.get(key);
      if (first !== undefined) { ck.err(fundSheet, r.row, '月份', `项目 ${code} 的 ${period} 到位资金与第${first}行重复（同一项目每月一行）`); continue; }
      seen.set(key, r.row);
      if (st.bad || amount === undefined) continue;
      plan.funds.rows++;
      const rec: FundRec = { projectCode: code, period, amount_yuan: amount, foreign_usd: foreign ?? 0, status };
      const ex = existing.get(key);
      let write = true;
      if (!ex) plan.funds.creates.push(rec);
      else {
        // 待核实 stands for every status but 已核实 (export writes it so): no downgrade of approved etc.
        const sameStatus = status === 'verified' ? ex.status === 'verified' : ex.status !== 'verified';
        const next: Partial<FundRec & { status: string }> = { amount_yuan: rec.amount_yuan };
        if (ck.has(fundSheet, '其中外资(万美元)')) next.foreign_usd = rec.foreign_usd;
        const d = changed(ex as Partial<FundRec>, next);
        if (!sameStatus && ck.has(fundSheet, '状态')) {
          const dd = d ?? { before: {}, after: {} };
          dd.before.status = ex.status; dd.after.status = status;
          plan.funds.updates.push({ id: ex.id, ...dd, rec });
        } else if (d) plan.funds.updates.push({ id: ex.id, ...d, rec });
        else { plan.funds.unchanged++; write = false; }
      }
      if (write && locked.has(period)) {
        ck.err(fundSheet, r.row, '月份', `${period} 已锁定，不能再导入或修改该月到位资金；如需更正请联系市招商办解锁`);
      }
    }
  }

  // --- 招商活动 --------------------------------------------------------------------------------
  const actSheet = S.get('activities');
  if (actSheet) {
    const rows = await db.selectFrom('activities')
      .select(['id', 'name', 'kind', 'start_date', 'end_date', 'destination', 'unit_code', 'person_times']).execute();
    const links = await db.selectFrom('activity_projects').innerJoin('projects', 'projects.id', 'activity_projects.project_id')
      .select(['activity_projects.activity_id', 'projects.code', 'activity_projects.sort']).execute();
    const codesOf = new Map<number, { code: string; sort: number }[]>();
    for (const l of links) {
      const list = codesOf.get(l.activity_id) ?? [];
      list.push({ code: l.code, sort: l.sort });
      codesOf.set(l.activity_id, list);
    }
    const existing = new Map(rows.map((a) => [`${a.name}|${a.start_date}`, a]));
    const seen = new Map<string, number>();
    for (const r of actSheet.rows) {
      tick();
      const st = { bad: false };
      const name = ck.required(actSheet, r, '活动名称', (c) => readText(c, 200), st);
      const kindText = ck.required(actSheet, r, '类型', (c) => readText(c), st, '请填写 小分队/代表团/推介会/签约活动');
      let kind: string | null = null;
      if (kindText !== undefined) {
        kind = activityKindFromLabel(kindText);
        if (!kind) { ck.err(actSheet, r.row, '类型', `“${kindText}”不是有效类型 (小分队/代表团/推介会/签约活动)`); st.bad = true; }
      }
      const start = ck.required(actSheet, r, '开始日期', readDate, st, '请按 YYYY-MM-DD 填写');
      const end = ck.get(actSheet, r, '结束日期', readDate, st) ?? null;
      if (start && end && end < start) { ck.err(actSheet, r.row, '结束日期', `结束日期 ${end} 早于开始日期 ${start}`); st.bad = true; }
      const dest = ck.get(actSheet, r, '目的地', (c) => readText(c, 200), st);
      const unit = ck.get(actSheet, r, '组织单位代码', (c) => readCode(c, 32), st);
      if (unit) unitCheck(actSheet, r, '组织单位代码', unit, st);
      const persons = ck.get(actSheet, r, '参加人次', (c) => readCount(c, '参加人次'), st);
      const listText = ck.get(actSheet, r, '签约项目编号', (c) => readText(c, 4000), st);
      const codes: string[] = [];
      if (listText) {
        const missing: string[] = [];
        for (const part of listText.split(/[,，、;；\s]+/)) {
          const c = readCode(part, 64);
          if (!c.ok || c.value === '' || codes.includes(c.value)) continue;
          if (!projectCodes.has(c.value)) missing.push(c.value);
          codes.push(c.value);
        }
        if (missing.length) {
          ck.err(actSheet, r.row, '签约项目编号', `项目 ${missing.join('、')} 不存在：请核对编号，或先在“项目”表中列出`);
          st.bad = true;
        }
      }
      if (name === undefined || start === undefined) continue;
      const key = `${name}|${start}`;
      const first = seen.get(key);
      if (first !== undefined) { ck.err(actSheet, r.row, '活动名称', `“${name}”（${start}开始）与第${first}行重复`); continue; }
      seen.set(key, r.row);
      if (st.bad || !kind) continue;
      plan.activities.rows++;
      const rec: ActivityRec = {
        name, kind, start_date: start, end_date: end, destination: dest || null, unit_code: unit || null,
        person_times: persons ?? 0, projectCodes: codes,
      };
      const ex = existing.get(key);
      if (!ex) { plan.activities.creates.push(rec); continue; }
      const cols: [string, keyof ActivityRec][] = [['结束日期', 'end_date'], ['目的地', 'destination'], ['组织单位代码', 'unit_code'], ['参加人次', 'person_times']];
      const present: (keyof ActivityRec)[] = ['kind', ...cols.filter(([h]) => ck.has(actSheet, h)).map(([, k]) => k)];
      const d = changed(ex as Partial<ActivityRec>, pick(rec, present)) ?? { before: {}, after: {} };
      let linksChanged = false;
      if (ck.has(actSheet, '签约项目编号')) {
        const old = (codesOf.get(ex.id) ?? []).sort((a, b) => a.sort - b.sort).map((x) => x.code);
        if (old.join(',') !== codes.join(',')) {
          linksChanged = true;
          plan.activities.projectsChanged.add(key);
          d.before.projectCodes = old; d.after.projectCodes = codes;
        }
      }
      if (linksChanged || Object.keys(d.after).length) plan.activities.updates.push({ id: ex.id, ...d, rec });
      else plan.activities.unchanged++;
    }
  }

  // --- 储备项目 --------------------------------------------------------------------------------
  const resSheet = S.get('reserve');
  if (resSheet) {
    const existing = new Map((await db.selectFrom('reserve_projects').select(['id', 'name', 'unit_code', 'industry', 'total_investment_yuan', 'status']).execute())
      .map((x) => [`${x.name}|${x.unit_code}`, x]));
    const seen = new Map<string, number>();
    for (const r of resSheet.rows) {
      tick();
      const st = { bad: false };
      const name = ck.required(resSheet, r, '项目名称', (c) => readText(c, 200), st);
      const unit = ck.required(resSheet, r, '所在单位代码', (c) => readCode(c, 32), st);
      if (unit !== undefined) unitCheck(resSheet, r, '所在单位代码', unit, st);
      const industry = ck.get(resSheet, r, '行业', (c) => readText(c, 100), st);
      const total = ck.get(resSheet, r, '总投资(万元)', (c) => readWan(c, '万元'), st);
      const statusText = ck.get(resSheet, r, '状态', (c) => readText(c), st);
      let status = 'reserve';
      if (statusText) {
        const s = reserveStatusFromLabel(statusText);
        if (!s) { ck.err(resSheet, r.row, '状态', `“${statusText}”不是有效状态 (储备/已推介/已转化/撤销)`); st.bad = true; }
        else status = s;
      }
      if (name === undefined || unit === undefined) continue;
      const key = `${name}|${unit}`;
      const first = seen.get(key);
      if (first !== undefined) { ck.err(resSheet, r.row, '项目名称', `“${name}”（${unit}）与第${first}行重复`); continue; }
      seen.set(key, r.row);
      if (st.bad) continue;
      plan.reserve.rows++;
      const rec: ReserveRec = { name, unit_code: unit, industry: industry || null, total_investment_yuan: total ?? 0, status };
      const ex = existing.get(key);
      if (!ex) { plan.reserve.creates.push(rec); continue; }
      const cols: [string, keyof ReserveRec][] = [['行业', 'industry'], ['总投资(万元)', 'total_investment_yuan'], ['状态', 'status']];
      const d = changed(ex as Partial<ReserveRec>, pick(rec, cols.filter(([h]) => ck.has(resSheet, h)).map(([, k]) => k)));
      if (d) plan.reserve.updates.push({ id: ex.id, ...d, rec });
      else plan.reserve.unchanged++;
    }
  }
  void actor;
  progress?.({ phase: 'check', done: raw.rowCount, total: raw.rowCount });
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Writing


async function applyPlan(tx: Tx, actor: Actor, plan: Plan, progress?: Progress): Promise<void> {
  const now = nowIso();
  const today = todayIso();
  const audits: AuditInput[] = [];
  // Audit rows go out as they accumulate, so memory does not grow with the ledger.
  const flush = async (all = false) => {
    if (audits.length >= 2000 || (all && audits.length)) await auditMany(tx, actor, audits.splice(0));
  };
  const insertChunks = async <T>(items: T[], fn: (chunk: T[]) => Promise<void>, onChunk: (n: number) => void): Promise<void> => {
    for (let i = 0; i < items.length; i += BATCH) {
      const chunk = items.slice(i, i + BATCH);
      await fn(chunk);
      onChunk(chunk.length);
      await flush();
    }
  };
  const total = (['settings', 'units', 'targets', 'investors', 'projects', 'funds', 'activities', 'reserve'] as const)
    .reduce((n, k) => n + plan[k].creates.length + plan[k].updates.length, 0);
  let done = 0;
  const step = (n: number) => {
    const before = Math.floor(done / 2000);
    done += n;
    if (progress && (Math.floor(done / 2000) !== before || done === total)) progress({ phase: 'write', done, total });
  };
  progress?.({ phase: 'write', done: 0, total });
  const sum = (what: string, key: string) => `台账导入${what}：${key}`;

  // 设置
  for (const s of plan.settings.creates) {
    await tx.insertInto('settings').values({ key: s.key, value: s.value, updated_at: now }).execute();
    audits.push({ action: 'create', entity: 'settings', entityId: s.key, summary: sum('新增设置', s.key), after: { [s.key]: JSON.parse(s.value) } });
    step(1);
    await flush();
  }
  for (const s of plan.settings.updates) {
    await tx.updateTable('settings').set({ value: s.rec.value, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('key', '=', s.rec.key).execute();
    audits.push({ action: 'update', entity: 'settings', entityId: s.rec.key, summary: sum('修改设置', s.rec.key),
      before: { [s.rec.key]: JSON.parse(s.before.value ?? 'null') }, after: { [s.rec.key]: JSON.parse(s.rec.value) } });
    step(1);
    await flush();
  }
  // The statistics rollups group funds by "large project": a new threshold rebuilds them (ADR 0003).
  if (plan.settings.creates.length + plan.settings.updates.length > 0) {
    await setLargeThreshold(tx, (await getSettings(tx)).largeProjectThresholdWan * 10000);
  }

  // 单位
  const maxSort = (await tx.selectFrom('units').select((eb) => eb.fn.max('sort').as('m')).executeTakeFirst())?.m ?? 0;
  let sort = Number(maxSort ?? 0);
  await insertChunks(plan.units.creates, async (chunk) => {
    const rows = await tx.insertInto('units').values(chunk.map((u) => ({ code: u.code, name: u.name, kind: u.kind, sort: (sort += 10), created_at: now, updated_at: now })))
      .returning(['id', 'code']).execute();
    const byCode = new Map(chunk.map((u) => [u.code, u]));
    for (const r of rows) audits.push({ action: 'create', entity: 'unit', entityId: r.code, unitCode: r.code, summary: sum('新增单位', r.code), after: byCode.get(r.code) });
  }, step);
  for (const u of plan.units.updates) {
    await tx.updateTable('units').set({ ...u.after, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', u.id).execute();
    audits.push({ action: 'update', entity: 'unit', entityId: u.rec.code, unitCode: u.rec.code, summary: sum('修改单位', u.rec.code), before: u.before, after: u.after });
    step(1);
    await flush();
  }

  // 目标
  await insertChunks(plan.targets.creates, async (chunk) => {
    const rows = await tx.insertInto('targets').values(chunk.map((t) => ({ ...t, created_at: now, updated_at: now }))).returning(['id']).execute();
    rows.forEach((r, i) => {
      const t = chunk[i]!;
      audits.push({ action: 'create', entity: 'target', entityId: r.id, unitCode: t.unit_code, summary: sum('新增目标', `${t.year} ${t.unit_code} ${t.indicator}`), after: t });
    });
  }, step);
  for (const t of plan.targets.updates) {
    await tx.updateTable('targets').set({ ...t.after, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', t.id).execute();
    audits.push({ action: 'update', entity: 'target', entityId: t.id, unitCode: t.rec.unit_code, summary: sum('修改目标', `${t.rec.year} ${t.rec.unit_code} ${t.rec.indicator}`), before: t.before, after: t.after });
    step(1);
    await flush();
  }

  // 投资方
  const investorId = new Map<string, number>();
  for (const [k, id] of plan.investors.keyOf) if (id !== null) investorId.set(k, id);
  const invKey = (i: InvestorRec) => (i.credit_code ? `c:${i.credit_code}` : `n:${i.name}`);
  await insertChunks(plan.investors.creates, async (chunk) => {
    const rows = await tx.insertInto('investors').values(chunk.map((i) => ({ ...i, created_by_unit: actor.unitCode, created_at: now, updated_at: now })))
      .returning(['id', 'name', 'credit_code']).execute();
    for (const r of rows) {
      const k = r.credit_code ? `c:${r.credit_code}` : `n:${r.name}`;
      investorId.set(k, r.id);
      audits.push({ action: 'create', entity: 'investor', entityId: r.id, summary: sum('新增客商', r.name), after: chunk.find((c) => invKey(c) === k) });
    }
  }, step);
  for (const i of plan.investors.updates) {
    await tx.updateTable('investors').set({ ...i.after, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', i.id).execute();
    audits.push({ action: 'update', entity: 'investor', entityId: i.id, summary: sum('修改客商', i.rec.name), before: i.before, after: i.after });
    step(1);
    await flush();
  }
  const resolveInvestor = (key: string | null) => (key === null ? null : investorId.get(key) ?? null);

  // 项目
  const moves: { code: string; from: Stage | null; to: Stage; on: string }[] = [];
  const moveDate = (p: ProjectRec) => {
    const f = STAGE_DATE[p.stage];
    return (f && p[f]) || today;
  };
  await insertChunks(plan.projects.creates, async (chunk) => {
    const rows = await tx.insertInto('projects').values(chunk.map((p) => ({
      code: p.code, name: p.name, unit_code: p.unit_code, owner: p.owner, investor_id: resolveInvestor(p.investorKey),
      industry: p.industry, project_type: p.project_type, total_investment_yuan: p.total_investment_yuan, foreign_usd: p.foreign_usd,
      stage: p.stage, contract_date: p.contract_date, start_date: p.start_date, operating_date: p.operating_date,
      dropped_reason: p.dropped_reason, registered_on: today, created_at: now, updated_at: now,
    }))).returning(['id', 'code']).execute();
    const byCode = new Map(chunk.map((p) => [p.code, p]));
    for (const r of rows) {
      plan.projectIdByCode.set(r.code, r.id);
      const p = byCode.get(r.code)!;
      moves.push({ code: r.code, from: null, to: p.stage, on: moveDate(p) });
      const { investorKey: _k, ...after } = p;
      audits.push({ action: 'create', entity: 'project', entityId: r.id, unitCode: p.unit_code, summary: sum('新增项目', `${p.code} ${p.name}`), after });
    }
  }, step);
  for (const u of plan.projects.updates) {
    const set: Record<string, unknown> = { ...u.after };
    if ('investor_id' in set) set.investor_id = resolveInvestor(u.rec.investorKey);
    await tx.updateTable('projects').set({ ...set, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', u.id).execute();
    if (plan.projects.stageMoved.has(u.rec.code)) {
      moves.push({ code: u.rec.code, from: plan.projects.prevStage.get(u.rec.code) ?? null, to: u.rec.stage, on: moveDate(u.rec) });
    }
    audits.push({ action: 'update', entity: 'project', entityId: u.id, unitCode: u.rec.unit_code, summary: sum('修改项目', `${u.rec.code} ${u.rec.name}`), before: u.before, after: u.after });
    step(1);
    await flush();
  }
  await insertChunks(moves, async (chunk) => {
    await tx.insertInto('stage_moves').values(chunk.map((m) => ({
      project_id: plan.projectIdByCode.get(m.code)!, from_stage: m.from, to_stage: m.to, moved_on: m.on,
      actor_id: actor.userId, actor_name: actor.name, reason: '台账导入', created_at: now,
    }))).execute();
  }, () => {});

  // 到位资金
  const pid = (code: string) => {
    const id = plan.projectIdByCode.get(code);
    if (id === undefined) throw new AppError('validation', `项目 ${code} 不存在`);
    return id;
  };
  await insertChunks(plan.funds.creates, async (chunk) => {
    const rows = await tx.insertInto('fund_entries').values(chunk.map((f) => {
      const p = parsePeriod(f.period)!;
      return {
        project_id: pid(f.projectCode), unit_code: plan.unitOfProject.get(f.projectCode)!, period: f.period, year: p.year, month: p.month,
        kind: 'regular', amount_yuan: f.amount_yuan, foreign_usd: f.foreign_usd, status: f.status, created_by: actor.userId,
        verified_by: f.status === 'verified' ? actor.userId : null, verified_at: f.status === 'verified' ? now : null,
        created_at: now, updated_at: now,
      };
    })).returning(['id', 'project_id', 'period']).execute();
    const byKey = new Map(chunk.map((f) => [`${pid(f.projectCode)}|${f.period}`, f]));
    for (const r of rows) {
      const f = byKey.get(`${r.project_id}|${r.period}`)!;
      audits.push({ action: 'create', entity: 'fund_entry', entityId: r.id, unitCode: plan.unitOfProject.get(f.projectCode) ?? null,
        summary: sum('新增到位资金', `${f.projectCode} ${f.period}`), after: { period: f.period, amountYuan: f.amount_yuan, foreignUsd: f.foreign_usd, status: f.status } });
    }
  }, step);
  for (const f of plan.funds.updates) {
    const set: Record<string, unknown> = { ...f.after };
    if (set.status === 'verified') { set.verified_by = actor.userId; set.verified_at = now; }
    else if ('status' in set) { set.verified_by = null; set.verified_at = null; }
    await tx.updateTable('fund_entries').set({ ...set, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', f.id).execute();
    audits.push({ action: 'update', entity: 'fund_entry', entityId: f.id, unitCode: plan.unitOfProject.get(f.rec.projectCode) ?? null,
      summary: sum('修改到位资金', `${f.rec.projectCode} ${f.rec.period}`), before: f.before, after: f.after });
    step(1);
    await flush();
  }
  // A month that arrives through the ledger was reported outside the system: it gets the unit's
  // monthly submission (approved when every entry is verified, else submitted and awaiting
  // verification), so the status board does not show it as never reported.
  const fundPeriods = [...new Set([...plan.funds.creates.map((f) => f.period), ...plan.funds.updates.map((f) => f.rec.period)])];
  for (let i = 0; i < fundPeriods.length; i += 200) {
    const periods = fundPeriods.slice(i, i + 200);
    const missing = await tx.selectFrom('fund_entries as f')
      .select((eb) => ['f.unit_code', 'f.period', eb.fn.min(sql<number>`case when f.status = 'verified' then 1 else 0 end`).as('all_verified')])
      .where('f.period', 'in', periods)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('submissions as s').select('s.id')
        .whereRef('s.unit_code', '=', 'f.unit_code').whereRef('s.period', '=', 'f.period'))))
      .groupBy(['f.unit_code', 'f.period']).execute();
    if (!missing.length) continue;
    await tx.insertInto('submissions').values(missing.map((m) => ({
      unit_code: m.unit_code, period: m.period, status: Number(m.all_verified) === 1 ? 'approved' : 'submitted',
      submitted_by: actor.userId, submitted_at: now, approved_by: Number(m.all_verified) === 1 ? actor.userId : null,
      approved_at: Number(m.all_verified) === 1 ? now : null, created_at: now, updated_at: now,
    }))).execute();
    for (const m of missing) {
      audits.push({ action: 'create', entity: 'submission', entityId: `${m.unit_code}/${m.period}`, unitCode: m.unit_code, summary: sum('月报', `${m.unit_code} ${m.period}`) });
    }
  }

  // 招商活动
  const links: { activity_id: number; project_id: number; sort: number }[] = [];
  const linkRows = (id: number, a: ActivityRec) => a.projectCodes.forEach((c, i) => links.push({ activity_id: id, project_id: pid(c), sort: i }));
  await insertChunks(plan.activities.creates, async (chunk) => {
    const rows = await tx.insertInto('activities').values(chunk.map(({ projectCodes: _p, ...a }) => ({ ...a, created_at: now, updated_at: now })))
      .returning(['id', 'name', 'start_date']).execute();
    const byKey = new Map(chunk.map((a) => [`${a.name}|${a.start_date}`, a]));
    for (const r of rows) {
      const a = byKey.get(`${r.name}|${r.start_date}`)!;
      linkRows(r.id, a);
      audits.push({ action: 'create', entity: 'activity', entityId: r.id, unitCode: a.unit_code, summary: sum('新增招商活动', `${a.name} ${a.start_date}`), after: a });
    }
  }, step);
  for (const a of plan.activities.updates) {
    const { projectCodes: _p, ...set } = a.after;
    if (Object.keys(set).length) {
      await tx.updateTable('activities').set({ ...set, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', a.id).execute();
    }
    if (plan.activities.projectsChanged.has(`${a.rec.name}|${a.rec.start_date}`)) {
      await tx.deleteFrom('activity_projects').where('activity_id', '=', a.id).execute();
      linkRows(a.id, a.rec);
    }
    audits.push({ action: 'update', entity: 'activity', entityId: a.id, unitCode: a.rec.unit_code, summary: sum('修改招商活动', `${a.rec.name} ${a.rec.start_date}`), before: a.before, after: a.after });
    step(1);
    await flush();
  }
  await insertChunks(links, async (chunk) => { await tx.insertInto('activity_projects').values(chunk).execute(); }, () => {});

  // 储备项目
  await insertChunks(plan.reserve.creates, async (chunk) => {
    const rows = await tx.insertInto('reserve_projects').values(chunk.map((x) => ({ ...x, created_at: now, updated_at: now }))).returning(['id', 'name', 'unit_code']).execute();
    const byKey = new Map(chunk.map((x) => [`${x.name}|${x.unit_code}`, x]));
    for (const r of rows) {
      const x = byKey.get(`${r.name}|${r.unit_code}`)!;
      audits.push({ action: 'create', entity: 'reserve_project', entityId: r.id, unitCode: x.unit_code, summary: sum('新增储备项目', x.name), after: x });
    }
  }, step);
  for (const x of plan.reserve.updates) {
    await tx.updateTable('reserve_projects').set({ ...x.after, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', x.id).execute();
    audits.push({ action: 'update', entity: 'reserve_project', entityId: x.id, unitCode: x.rec.unit_code, summary: sum('修改储备项目', x.rec.name), before: x.before, after: x.after });
    step(1);
    await flush();
  }

  await flush(true);
}

// ---------------------------------------------------------------------------------------------

function summaries(plan: Plan, raw: RawWorkbook): LedgerSheetSummary[] {
  const out: LedgerSheetSummary[] = [];
  for (const key of LEDGER_ORDER) {
    const sheet = raw.sheets.get(key);
    if (!sheet) continue;
    const p = plan[key as Exclude<LedgerSheetKey, never>];
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
