// The SQL of the statistics rollups, GENERATED from the definitions in src/domain/stats.definitions.ts
// (counted statuses per basis, "large and non-local"), for both dialects (docs/adr/0003 and 0005).
// The triggers installed in a database are what migration 006 stored when it was written; the test
// rollups.sql.test.ts fails when they differ from what this file generates now, so a change of a
// definition cannot silently leave the database on the old one: regenerate with
//   node bin/run-ts.js src/modules/stats/rollups.sql.write.ts <migration name>
// and add the migration it writes to src/db/migrate.ts.
import { COUNTED_STATUSES, OUTSIDE_REGION_SCOPES, STATS_BASES } from '../../domain/stats.definitions';

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

export const ROLLUP_COLS = 'year, month, unit_code, status, origin_scope, large, amount_yuan, foreign_usd, entries';
const ROLLUP_KEY = 'year, status, month, unit_code, origin_scope, large';
export const FIRST_COLS = 'project_id, year, status, unit_code, first_month, origin_scope, large';
const FIRST_KEY = 'project_id, year, status, unit_code';
const LF_COLS = 'project_id, year, basis, unit_code, first_month';
const ROLLUP_MERGE = `ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET amount_yuan = fund_rollups.amount_yuan + excluded.amount_yuan,
  foreign_usd = fund_rollups.foreign_usd + excluded.foreign_usd, entries = fund_rollups.entries + excluded.entries`;
const THRESHOLD = '(SELECT large_threshold_yuan FROM stats_params WHERE id = 1)';
/** 1 when a total investment is at or above the large-project threshold the triggers see. */
export const largeOf = (total: string) => `CASE WHEN ${total} >= ${THRESHOLD} THEN 1 ELSE 0 END`;
/** The triggers stand still while a rebuild or a home-city change refills the tables in bulk. */
const ACTIVE = '(SELECT suspended FROM stats_params WHERE id = 1) = 0';

/** "large and non-local" over fund_project_firsts columns (isLargeNonLocal). */
export const LARGE_NON_LOCAL = `large = 1 AND origin_scope IN (${list(OUTSIDE_REGION_SCOPES)})`;

/** Dimensions of an entry row: its project, and the project's investor (scope '' without one). */
export const DIMS = (alias: string) => `JOIN projects p ON p.id = ${alias}.project_id LEFT JOIN investors i ON i.id = p.investor_id`;
export const SCOPE = `COALESCE(i.origin_scope, '')`;
export const LARGE = largeOf('p.total_investment_yuan');

/**
 * fund_large_firsts rows from fund_project_firsts: per large, non-local project, year, basis and
 * unit ('*' for the whole city) the first month with counted funds; optionally one (project, year)
 * or one year.
 */
export function largeFirstsSelect(filter = ''): string {
  const more = filter ? ` AND ${filter}` : '';
  return STATS_BASES.flatMap((basis) => {
    const where = `status IN (${list(COUNTED_STATUSES[basis])}) AND ${LARGE_NON_LOCAL}${more}`;
    return [
      `SELECT project_id, year, '${basis}', unit_code, MIN(first_month) FROM fund_project_firsts
       WHERE ${where} GROUP BY project_id, year, unit_code`,
      `SELECT project_id, year, '${basis}', '*', MIN(first_month) FROM fund_project_firsts
       WHERE ${where} GROUP BY project_id, year`,
    ];
  }).join(' UNION ALL ');
}

// ---- The breakdown (origin scope, origin code, industry; docs/adr/0006) ------------------------
// fund_breakdown_rollups: Σ yuan and entries per (year, unit, status, month, scope, origin code,
// industry), every entry counted for its unit and for the whole city (unit '*'), so the city's
// breakdown reads a few thousand rows however many units there are. fund_breakdown_firsts: per
// project, year, basis and unit ('*' too) the first month with counted funds, with the project's
// dimensions; fund_breakdown_counts: how many projects per (year, basis, unit, first month,
// dimensions), so "distinct projects with counted funds up to M" is a sum over few rows.

const BD_DIMS = 'origin_scope, origin_code, industry';
/** The dimensions of a project (alias p) and its investor (alias i); '' for none. */
const BD_DIM_VALUES = `COALESCE(i.origin_scope, ''), COALESCE(i.origin_code, ''), COALESCE(p.industry, '')`;
export const BD_ROLLUP_COLS = `year, month, unit_code, status, ${BD_DIMS}, amount_yuan, entries`;
const BD_ROLLUP_KEY = `year, unit_code, status, month, ${BD_DIMS}`;
const BD_ROLLUP_MERGE = `ON CONFLICT (${BD_ROLLUP_KEY}) DO UPDATE SET amount_yuan = fund_breakdown_rollups.amount_yuan + excluded.amount_yuan,
  entries = fund_breakdown_rollups.entries + excluded.entries`;
export const BD_FIRST_COLS = `project_id, year, basis, unit_code, first_month, ${BD_DIMS}`;
const BD_FIRST_KEY = 'project_id, year, basis, unit_code';
const BD_COUNT_KEY = `year, basis, unit_code, first_month, ${BD_DIMS}`;
/** Each row counted twice: for its unit (u.city = 0) and for the whole city, unit '*' (u.city = 1). */
const CITY_TOO = 'CROSS JOIN (SELECT 0 AS city UNION ALL SELECT 1 AS city) u';
const unitOrCity = (unit: string) => `CASE WHEN u.city = 1 THEN '*' ELSE ${unit} END`;

/**
 * Adds (sign '') or removes (sign '-') the entries `from` (alias r) chooses to fund_breakdown_rollups
 * under the dimensions `dims` (three expressions), for their unit and for the city.
 */
function bdSums(from: string, where: string, dims: string, sign: '' | '-'): string {
  return `
    INSERT INTO fund_breakdown_rollups (${BD_ROLLUP_COLS})
    SELECT r.year, r.month, ${unitOrCity('r.unit_code')}, r.status, ${dims}, ${sign}SUM(r.amount_yuan), ${sign}COUNT(*)
    FROM ${from} ${CITY_TOO} WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7 ${BD_ROLLUP_MERGE};`;
}

/** fund_breakdown_rollups rows from fund_entries (bulk rebuild), optionally filtered over alias r. */
export function breakdownRollupsInsert(filter = 'true'): string {
  return `INSERT INTO fund_breakdown_rollups (${BD_ROLLUP_COLS})
     SELECT r.year, r.month, ${unitOrCity('r.unit_code')}, r.status, ${BD_DIM_VALUES}, SUM(r.amount_yuan), COUNT(*)
     FROM fund_entries r ${DIMS('r')} ${CITY_TOO} WHERE ${filter} GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/**
 * Per project, year, basis and unit ('*' for the whole city) the first month with counted funds,
 * from fund_project_firsts (columns project_id, year, basis, unit_code, first_month).
 */
export function breakdownFirstsSelect(filter = ''): string {
  const more = filter ? ` AND ${filter}` : '';
  return STATS_BASES.flatMap((basis) => {
    const where = `status IN (${list(COUNTED_STATUSES[basis])})${more}`;
    return [
      `SELECT project_id, year, '${basis}' AS basis, unit_code, MIN(first_month) AS first_month FROM fund_project_firsts
       WHERE ${where} GROUP BY project_id, year, unit_code`,
      `SELECT project_id, year, '${basis}' AS basis, '*' AS unit_code, MIN(first_month) AS first_month FROM fund_project_firsts
       WHERE ${where} GROUP BY project_id, year`,
    ];
  }).join(' UNION ALL ');
}

/** fund_breakdown_firsts rows with the project's current dimensions. */
const breakdownFirstsRows = (filter = '') => `
    SELECT s.project_id, s.year, s.basis, s.unit_code, s.first_month, ${BD_DIM_VALUES}
    FROM (${breakdownFirstsSelect(filter)}) s ${DIMS('s')} WHERE true`;

export function breakdownCountsInsert(filter = ''): string {
  return `INSERT INTO fund_breakdown_counts (${BD_COUNT_KEY}, projects)
     SELECT ${BD_COUNT_KEY}, COUNT(*) FROM fund_breakdown_firsts${filter ? ` WHERE ${filter}` : ''} GROUP BY ${BD_COUNT_KEY}`;
}

/** The (project, year) rows of fund_breakdown_firsts brought in line with fund_project_firsts, row by row changed only. */
const bdRecompute = (project: string, year: string) => {
  const counted = STATS_BASES.map((b) => `(fund_breakdown_firsts.basis = '${b}' AND x.status IN (${list(COUNTED_STATUSES[b])}))`).join(
    ' OR ',
  );
  const differs = ['first_month', 'origin_scope', 'origin_code', 'industry']
    .map((c) => `fund_breakdown_firsts.${c} <> excluded.${c}`)
    .join(' OR ');
  return `
  DELETE FROM fund_breakdown_firsts WHERE project_id = ${project} AND year = ${year} AND NOT EXISTS (
    SELECT 1 FROM fund_project_firsts x WHERE x.project_id = ${project} AND x.year = ${year}
    AND (fund_breakdown_firsts.unit_code = '*' OR x.unit_code = fund_breakdown_firsts.unit_code) AND (${counted}));
  INSERT INTO fund_breakdown_firsts (${BD_FIRST_COLS}) ${breakdownFirstsRows(`project_id = ${project} AND year = ${year}`)}
  ON CONFLICT (${BD_FIRST_KEY}) DO UPDATE SET first_month = excluded.first_month, origin_scope = excluded.origin_scope,
    origin_code = excluded.origin_code, industry = excluded.industry WHERE ${differs};`;
};

const bdCountKey = (r: 'NEW' | 'OLD') =>
  BD_COUNT_KEY.split(', ')
    .map((c) => `${c} = ${r}.${c}`)
    .join(' AND ');
const bdCountAdd = `
  INSERT INTO fund_breakdown_counts (${BD_COUNT_KEY}, projects)
  VALUES (${BD_COUNT_KEY.split(', ')
    .map((c) => `NEW.${c}`)
    .join(', ')}, 1)
  ON CONFLICT (${BD_COUNT_KEY}) DO UPDATE SET projects = fund_breakdown_counts.projects + 1;`;
const bdCountRemove = `
  UPDATE fund_breakdown_counts SET projects = projects - 1 WHERE ${bdCountKey('OLD')};
  DELETE FROM fund_breakdown_counts WHERE ${bdCountKey('OLD')} AND projects = 0;`;

/**
 * Moves every entry of the projects `where` chooses (over fund_entries r JOIN projects p) from the
 * old dimensions to the new ones, and gives their fund_breakdown_firsts rows the new dimensions
 * (`firstsWhere` over fund_breakdown_firsts; the counts follow by trigger).
 */
function bdMove(where: string, oldDims: string, newDims: string, firstsWhere: string, firstsSet: [string, string][]): string {
  const from = 'fund_entries r JOIN projects p ON p.id = r.project_id';
  return `${bdSums(from, where, oldDims, '-')}${bdSums(from, where, newDims, '')}
    DELETE FROM fund_breakdown_rollups WHERE entries = 0 AND (year, status, month, unit_code) IN
      (SELECT r.year, r.status, r.month, ${unitOrCity('r.unit_code')} FROM ${from} ${CITY_TOO} WHERE ${where});
    UPDATE fund_breakdown_firsts SET ${firstsSet.map(([c, v]) => `${c} = ${v}`).join(', ')}
      WHERE ${firstsWhere} AND (${firstsSet.map(([c, v]) => `${c} <> ${v}`).join(' OR ')});`;
}

const investorDim = (col: 'origin_scope' | 'origin_code', investorId: string) =>
  `COALESCE((SELECT ${col} FROM investors WHERE id = ${investorId}), '')`;
const projectDims = (r: 'NEW' | 'OLD'): [string, string, string] => [
  investorDim('origin_scope', `${r}.investor_id`),
  investorDim('origin_code', `${r}.investor_id`),
  `COALESCE(${r}.industry, '')`,
];
const investorDims = (r: 'NEW' | 'OLD'): string[] => [
  `COALESCE(${r}.origin_scope, '')`,
  `COALESCE(${r}.origin_code, '')`,
  `COALESCE(p.industry, '')`,
];
const [newScope, newCode, newIndustry] = projectDims('NEW');
const BD_PROJECT_MOVE = bdMove(
  'r.project_id = NEW.id',
  projectDims('OLD').join(', '),
  projectDims('NEW').join(', '),
  'project_id = NEW.id',
  [
    ['origin_scope', newScope],
    ['origin_code', newCode],
    ['industry', newIndustry],
  ],
);
const BD_INVESTOR_MOVE = bdMove(
  'p.investor_id = NEW.id',
  investorDims('OLD').join(', '),
  investorDims('NEW').join(', '),
  'project_id IN (SELECT id FROM projects WHERE investor_id = NEW.id)',
  [
    ['origin_scope', `COALESCE(NEW.origin_scope, '')`],
    ['origin_code', `COALESCE(NEW.origin_code, '')`],
  ],
);

/** Bulk refill of the rollup tables from fund_entries, for every year or one (`year = ?` literal). */
export function rebuildStatements(year?: number): string[] {
  const y = year === undefined ? '' : ` WHERE year = ${Math.trunc(year)}`;
  const fy = year === undefined ? '' : ` WHERE f.year = ${Math.trunc(year)}`;
  return [
    `DELETE FROM fund_rollups${y}`,
    `DELETE FROM fund_project_firsts${y}`,
    `DELETE FROM fund_large_firsts${y}`,
    `DELETE FROM fund_large_counts${y}`,
    `INSERT INTO fund_rollups (${ROLLUP_COLS})
     SELECT f.year, f.month, f.unit_code, f.status, ${SCOPE}, ${LARGE}, SUM(f.amount_yuan), SUM(f.foreign_usd), COUNT(*)
     FROM fund_entries f ${DIMS('f')}${fy} GROUP BY 1, 2, 3, 4, 5, 6`,
    `INSERT INTO fund_project_firsts (${FIRST_COLS})
     SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month), ${SCOPE}, ${LARGE}
     FROM fund_entries f ${DIMS('f')}${fy} GROUP BY 1, 2, 3, 4, 6, 7`,
    `INSERT INTO fund_large_firsts (${LF_COLS}) ${largeFirstsSelect(year === undefined ? '' : `year = ${Math.trunc(year)}`)}`,
    `INSERT INTO fund_large_counts (year, basis, unit_code, first_month, projects)
     SELECT year, basis, unit_code, first_month, COUNT(*) FROM fund_large_firsts${y} GROUP BY year, basis, unit_code, first_month`,
    `DELETE FROM fund_breakdown_rollups${y}`,
    `DELETE FROM fund_breakdown_firsts${y}`,
    `DELETE FROM fund_breakdown_counts${y}`,
    breakdownRollupsInsert(year === undefined ? 'true' : `r.year = ${Math.trunc(year)}`),
    `INSERT INTO fund_breakdown_firsts (${BD_FIRST_COLS}) ${breakdownFirstsRows(year === undefined ? '' : `year = ${Math.trunc(year)}`)}`,
    breakdownCountsInsert(year === undefined ? '' : `year = ${Math.trunc(year)}`),
  ];
}

/**
 * The same refill in small pieces, for the rebuild outside the request: fund_rollups by
 * (year, status, month); fund_project_firsts and fund_large_firsts by (year, project id range);
 * fund_large_counts of a year from fund_large_firsts. Each piece is one short transaction.
 */
export const rebuildPiece = {
  rollups: (year: number, status: string, month: number): string[] => {
    const key = `year = ${Math.trunc(year)} AND status = '${status.replace(/'/g, "''")}' AND month = ${Math.trunc(month)}`;
    return [
      `DELETE FROM fund_rollups WHERE ${key}`,
      `INSERT INTO fund_rollups (${ROLLUP_COLS})
       SELECT f.year, f.month, f.unit_code, f.status, ${SCOPE}, ${LARGE}, SUM(f.amount_yuan), SUM(f.foreign_usd), COUNT(*)
       FROM fund_entries f ${DIMS('f')} WHERE f.${key.replace(/ AND /g, ' AND f.')} GROUP BY 1, 2, 3, 4, 5, 6`,
      `DELETE FROM fund_breakdown_rollups WHERE ${key}`,
      breakdownRollupsInsert(`r.${key.replace(/ AND /g, ' AND r.')}`),
    ];
  },
  firsts: (year: number, fromId: number, toId: number): string[] => {
    const range = `year = ${Math.trunc(year)} AND project_id >= ${Math.trunc(fromId)} AND project_id < ${Math.trunc(toId)}`;
    return [
      `DELETE FROM fund_project_firsts WHERE ${range}`,
      `INSERT INTO fund_project_firsts (${FIRST_COLS})
       SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month), ${SCOPE}, ${LARGE}
       FROM fund_entries f ${DIMS('f')} WHERE f.${range.replace(/ AND /g, ' AND f.')} GROUP BY 1, 2, 3, 4, 6, 7`,
      `DELETE FROM fund_large_firsts WHERE ${range}`,
      `INSERT INTO fund_large_firsts (${LF_COLS}) ${largeFirstsSelect(range)}`,
      `DELETE FROM fund_breakdown_firsts WHERE ${range}`,
      `INSERT INTO fund_breakdown_firsts (${BD_FIRST_COLS}) ${breakdownFirstsRows(range)}`,
    ];
  },
  counts: (year: number): string[] => [
    `DELETE FROM fund_large_counts WHERE year = ${Math.trunc(year)}`,
    `INSERT INTO fund_large_counts (year, basis, unit_code, first_month, projects)
     SELECT year, basis, unit_code, first_month, COUNT(*) FROM fund_large_firsts WHERE year = ${Math.trunc(year)}
     GROUP BY year, basis, unit_code, first_month`,
    `DELETE FROM fund_breakdown_counts WHERE year = ${Math.trunc(year)}`,
    breakdownCountsInsert(`year = ${Math.trunc(year)}`),
  ],
};

// ---- SQLite: row triggers. An entry row R (NEW or OLD) with sign ±1. -------------------------------
const sqScope = (projectId: string) =>
  `COALESCE((SELECT i.origin_scope FROM projects p JOIN investors i ON i.id = p.investor_id WHERE p.id = ${projectId}), '')`;
const sqLarge = (projectId: string) =>
  `COALESCE((SELECT ${largeOf('p.total_investment_yuan')} FROM projects p WHERE p.id = ${projectId}), 0)`;
const sqRollup = (r: 'NEW' | 'OLD', sign: '' | '-') => `
  INSERT INTO fund_rollups (${ROLLUP_COLS})
  SELECT ${r}.year, ${r}.month, ${r}.unit_code, ${r}.status, ${sqScope(`${r}.project_id`)}, ${sqLarge(`${r}.project_id`)},
         ${sign}${r}.amount_yuan, ${sign}${r}.foreign_usd, ${sign}1
  WHERE true ${ROLLUP_MERGE};`;
const sqDropZero = `
  DELETE FROM fund_rollups WHERE year = OLD.year AND status = OLD.status AND month = OLD.month AND unit_code = OLD.unit_code AND entries = 0;`;
// Only an earlier month updates the row: an unconditional upsert (first_month = min(…)) fired the
// UPDATE triggers downstream (large firsts, breakdown firsts and their counts) for every entry written,
// even when nothing changed — 60,000 imported entries took 45 s instead of 5 (migration 019).
const sqFirstAdd = `
  INSERT INTO fund_project_firsts (${FIRST_COLS})
  SELECT NEW.project_id, NEW.year, NEW.status, NEW.unit_code, NEW.month, ${sqScope('NEW.project_id')}, ${sqLarge('NEW.project_id')}
  WHERE true ON CONFLICT (${FIRST_KEY}) DO UPDATE SET first_month = excluded.first_month
  WHERE excluded.first_month < fund_project_firsts.first_month;`;
// Recomputed from the entries left after the write; the row goes when none is left.
const sqFirstRecompute = `
  DELETE FROM fund_project_firsts WHERE project_id = OLD.project_id AND year = OLD.year AND status = OLD.status AND unit_code = OLD.unit_code;
  INSERT INTO fund_project_firsts (${FIRST_COLS})
  SELECT OLD.project_id, OLD.year, OLD.status, OLD.unit_code, MIN(f.month), ${sqScope('OLD.project_id')}, ${sqLarge('OLD.project_id')}
  FROM fund_entries f WHERE f.project_id = OLD.project_id AND f.year = OLD.year AND f.status = OLD.status AND f.unit_code = OLD.unit_code
  HAVING COUNT(*) > 0;`;
const ENTRY_DIMS = ['year', 'month', 'unit_code', 'status', 'project_id'];
const changed = (cols: string[]) => cols.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

// Moves every entry of the projects chosen by `where` (over fund_entries f JOIN projects p) from
// the (scope, large) given by the old expressions to the new ones.
function sqMove(where: string, oldScope: string, oldLarge: string, newScope: string, newLarge: string): string {
  const part = (scope: string, large: string, sign: '' | '-') => `
  INSERT INTO fund_rollups (${ROLLUP_COLS})
  SELECT f.year, f.month, f.unit_code, f.status, ${scope}, ${large}, ${sign}SUM(f.amount_yuan), ${sign}SUM(f.foreign_usd), ${sign}COUNT(*)
  FROM fund_entries f JOIN projects p ON p.id = f.project_id WHERE ${where}
  GROUP BY f.year, f.month, f.unit_code, f.status, 5, 6 ${ROLLUP_MERGE};`;
  return `${part(oldScope, oldLarge, '-')}${part(newScope, newLarge, '')}
  DELETE FROM fund_rollups WHERE entries = 0 AND (year, status, month, unit_code) IN
    (SELECT f.year, f.status, f.month, f.unit_code FROM fund_entries f JOIN projects p ON p.id = f.project_id WHERE ${where});`;
}

const recompute = (project: string, year: string) => `
  DELETE FROM fund_large_firsts WHERE project_id = ${project} AND year = ${year};
  INSERT INTO fund_large_firsts (${LF_COLS}) ${largeFirstsSelect(`project_id = ${project} AND year = ${year}`)};`;
const countKey = (r: 'NEW' | 'OLD') =>
  `year = ${r}.year AND basis = ${r}.basis AND unit_code = ${r}.unit_code AND first_month = ${r}.first_month`;
const countAdd = `
  INSERT INTO fund_large_counts (year, basis, unit_code, first_month, projects) VALUES (NEW.year, NEW.basis, NEW.unit_code, NEW.first_month, 1)
  ON CONFLICT (year, basis, unit_code, first_month) DO UPDATE SET projects = fund_large_counts.projects + 1;`;
const countRemove = `
  UPDATE fund_large_counts SET projects = projects - 1 WHERE ${countKey('OLD')};
  DELETE FROM fund_large_counts WHERE ${countKey('OLD')} AND projects = 0;`;

// The breakdown of an entry row R: its unit and the city, under its project's dimensions.
const sqBdSums = (r: 'NEW' | 'OLD', sign: '' | '-') => `
  INSERT INTO fund_breakdown_rollups (${BD_ROLLUP_COLS})
  SELECT ${r}.year, ${r}.month, ${unitOrCity(`${r}.unit_code`)}, ${r}.status, ${BD_DIM_VALUES}, ${sign}${r}.amount_yuan, ${sign}1
  FROM projects p LEFT JOIN investors i ON i.id = p.investor_id ${CITY_TOO} WHERE p.id = ${r}.project_id ${BD_ROLLUP_MERGE};`;
const sqBdDropZero = `
  DELETE FROM fund_breakdown_rollups
  WHERE year = OLD.year AND unit_code IN (OLD.unit_code, '*') AND status = OLD.status AND month = OLD.month AND entries = 0;`;

/** A generated database object: a trigger (SQLite, PostgreSQL) or a function (PostgreSQL). */
export type GeneratedObject = { kind: 'trigger' | 'function'; name: string; table?: string; sql: string };

export function sqliteRollupObjects(): GeneratedObject[] {
  const t = (name: string, table: string, sql: string): GeneratedObject => ({ kind: 'trigger', name, table, sql });
  return [
    t(
      'fund_rollups_entry_insert',
      'fund_entries',
      `CREATE TRIGGER fund_rollups_entry_insert AFTER INSERT ON fund_entries BEGIN ${sqRollup('NEW', '')} ${sqFirstAdd} END`,
    ),
    t(
      'fund_rollups_entry_delete',
      'fund_entries',
      `CREATE TRIGGER fund_rollups_entry_delete AFTER DELETE ON fund_entries BEGIN ${sqRollup('OLD', '-')} ${sqDropZero} ${sqFirstRecompute} END`,
    ),
    t(
      'fund_rollups_entry_update',
      'fund_entries',
      `CREATE TRIGGER fund_rollups_entry_update AFTER UPDATE OF year, month, unit_code, status, project_id, amount_yuan, foreign_usd ON fund_entries
       WHEN ${changed([...ENTRY_DIMS, 'amount_yuan', 'foreign_usd'])}
       BEGIN ${sqRollup('OLD', '-')} ${sqRollup('NEW', '')} ${sqDropZero} END`,
    ),
    t(
      'fund_firsts_entry_update',
      'fund_entries',
      `CREATE TRIGGER fund_firsts_entry_update AFTER UPDATE OF year, month, unit_code, status, project_id ON fund_entries
       WHEN ${changed(ENTRY_DIMS)}
       BEGIN ${sqFirstRecompute} ${sqFirstAdd} END`,
    ),
    t(
      'fund_rollups_project_update',
      'projects',
      `CREATE TRIGGER fund_rollups_project_update AFTER UPDATE OF investor_id, total_investment_yuan ON projects
       WHEN OLD.investor_id IS NOT NEW.investor_id OR (${largeOf('OLD.total_investment_yuan')}) <> (${largeOf('NEW.total_investment_yuan')})
       BEGIN
       ${sqMove(
         'f.project_id = NEW.id',
         `COALESCE((SELECT origin_scope FROM investors WHERE id = OLD.investor_id), '')`,
         largeOf('OLD.total_investment_yuan'),
         `COALESCE((SELECT origin_scope FROM investors WHERE id = NEW.investor_id), '')`,
         largeOf('NEW.total_investment_yuan'),
       )}
       UPDATE fund_project_firsts SET origin_scope = COALESCE((SELECT origin_scope FROM investors WHERE id = NEW.investor_id), ''),
         large = ${largeOf('NEW.total_investment_yuan')} WHERE project_id = NEW.id;
       END`,
    ),
    // Suspended while a home-city change re-derives every investor's scope (rebuilt after, outside the request).
    t(
      'fund_rollups_investor_update',
      'investors',
      `CREATE TRIGGER fund_rollups_investor_update AFTER UPDATE OF origin_scope ON investors
       WHEN OLD.origin_scope IS NOT NEW.origin_scope AND ${ACTIVE}
       BEGIN
       ${sqMove(
         'p.investor_id = NEW.id',
         `COALESCE(OLD.origin_scope, '')`,
         largeOf('p.total_investment_yuan'),
         `COALESCE(NEW.origin_scope, '')`,
         largeOf('p.total_investment_yuan'),
       )}
       UPDATE fund_project_firsts SET origin_scope = COALESCE(NEW.origin_scope, '') WHERE project_id IN (SELECT id FROM projects WHERE investor_id = NEW.id);
       END`,
    ),
    t(
      'fund_large_firsts_on_insert',
      'fund_project_firsts',
      `CREATE TRIGGER fund_large_firsts_on_insert AFTER INSERT ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${recompute('NEW.project_id', 'NEW.year')} END`,
    ),
    t(
      'fund_large_firsts_on_delete',
      'fund_project_firsts',
      `CREATE TRIGGER fund_large_firsts_on_delete AFTER DELETE ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${recompute('OLD.project_id', 'OLD.year')} END`,
    ),
    t(
      'fund_large_firsts_on_update',
      'fund_project_firsts',
      `CREATE TRIGGER fund_large_firsts_on_update AFTER UPDATE ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${recompute('OLD.project_id', 'OLD.year')} ${recompute('NEW.project_id', 'NEW.year')} END`,
    ),
    t(
      'fund_large_counts_on_insert',
      'fund_large_firsts',
      `CREATE TRIGGER fund_large_counts_on_insert AFTER INSERT ON fund_large_firsts WHEN ${ACTIVE} BEGIN ${countAdd} END`,
    ),
    t(
      'fund_large_counts_on_delete',
      'fund_large_firsts',
      `CREATE TRIGGER fund_large_counts_on_delete AFTER DELETE ON fund_large_firsts WHEN ${ACTIVE} BEGIN ${countRemove} END`,
    ),
    // The breakdown (docs/adr/0006).
    t(
      'fund_breakdown_entry_insert',
      'fund_entries',
      `CREATE TRIGGER fund_breakdown_entry_insert AFTER INSERT ON fund_entries BEGIN ${sqBdSums('NEW', '')} END`,
    ),
    t(
      'fund_breakdown_entry_delete',
      'fund_entries',
      `CREATE TRIGGER fund_breakdown_entry_delete AFTER DELETE ON fund_entries BEGIN ${sqBdSums('OLD', '-')} ${sqBdDropZero} END`,
    ),
    t(
      'fund_breakdown_entry_update',
      'fund_entries',
      `CREATE TRIGGER fund_breakdown_entry_update AFTER UPDATE OF year, month, unit_code, status, project_id, amount_yuan ON fund_entries
       WHEN ${changed([...ENTRY_DIMS, 'amount_yuan'])}
       BEGIN ${sqBdSums('OLD', '-')} ${sqBdSums('NEW', '')} ${sqBdDropZero} END`,
    ),
    t(
      'fund_breakdown_project_update',
      'projects',
      `CREATE TRIGGER fund_breakdown_project_update AFTER UPDATE OF investor_id, industry ON projects
       WHEN OLD.investor_id IS NOT NEW.investor_id OR OLD.industry IS NOT NEW.industry
       BEGIN ${BD_PROJECT_MOVE} END`,
    ),
    // Suspended while a home-city change re-derives every investor's scope (rebuilt after, outside the request).
    t(
      'fund_breakdown_investor_update',
      'investors',
      `CREATE TRIGGER fund_breakdown_investor_update AFTER UPDATE OF origin_scope, origin_code ON investors
       WHEN (OLD.origin_scope IS NOT NEW.origin_scope OR OLD.origin_code IS NOT NEW.origin_code) AND ${ACTIVE}
       BEGIN ${BD_INVESTOR_MOVE} END`,
    ),
    t(
      'fund_breakdown_firsts_on_insert',
      'fund_project_firsts',
      `CREATE TRIGGER fund_breakdown_firsts_on_insert AFTER INSERT ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${bdRecompute('NEW.project_id', 'NEW.year')} END`,
    ),
    t(
      'fund_breakdown_firsts_on_delete',
      'fund_project_firsts',
      `CREATE TRIGGER fund_breakdown_firsts_on_delete AFTER DELETE ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${bdRecompute('OLD.project_id', 'OLD.year')} END`,
    ),
    // The triggers only ever change first_month and the dimensions of a row; a row given another
    // (project, year) by hand is recomputed on both sides by the second trigger.
    t(
      'fund_breakdown_firsts_on_update',
      'fund_project_firsts',
      `CREATE TRIGGER fund_breakdown_firsts_on_update AFTER UPDATE ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${bdRecompute('NEW.project_id', 'NEW.year')} END`,
    ),
    t(
      'fund_breakdown_firsts_on_rekey',
      'fund_project_firsts',
      `CREATE TRIGGER fund_breakdown_firsts_on_rekey AFTER UPDATE OF project_id, year ON fund_project_firsts
       WHEN (OLD.project_id IS NOT NEW.project_id OR OLD.year IS NOT NEW.year) AND ${ACTIVE}
       BEGIN ${bdRecompute('OLD.project_id', 'OLD.year')} END`,
    ),
    t(
      'fund_breakdown_counts_on_insert',
      'fund_breakdown_firsts',
      `CREATE TRIGGER fund_breakdown_counts_on_insert AFTER INSERT ON fund_breakdown_firsts WHEN ${ACTIVE} BEGIN ${bdCountAdd} END`,
    ),
    t(
      'fund_breakdown_counts_on_delete',
      'fund_breakdown_firsts',
      `CREATE TRIGGER fund_breakdown_counts_on_delete AFTER DELETE ON fund_breakdown_firsts WHEN ${ACTIVE} BEGIN ${bdCountRemove} END`,
    ),
    t(
      'fund_breakdown_counts_on_update',
      'fund_breakdown_firsts',
      `CREATE TRIGGER fund_breakdown_counts_on_update AFTER UPDATE ON fund_breakdown_firsts WHEN ${ACTIVE}
       BEGIN ${bdCountRemove} ${bdCountAdd} END`,
    ),
  ];
}

// ---- PostgreSQL: statement triggers over transition tables for fund_entries (one set-based pass
// per INSERT/UPDATE/DELETE statement, so bulk writes stay cheap), row triggers for the rest. --------
const pgRollup = (src: string, sign: '' | '-') => `
    INSERT INTO fund_rollups (${ROLLUP_COLS})
    SELECT r.year, r.month, r.unit_code, r.status, ${SCOPE}, ${LARGE}, ${sign}SUM(r.amount_yuan), ${sign}SUM(r.foreign_usd), ${sign}COUNT(*)
    FROM ${src} r ${DIMS('r')} GROUP BY 1, 2, 3, 4, 5, 6 ${ROLLUP_MERGE};`;
const pgDropZero = (src: string) => `
    DELETE FROM fund_rollups z USING (SELECT DISTINCT year, status, month, unit_code FROM ${src} x) r
    WHERE z.year = r.year AND z.status = r.status AND z.month = r.month AND z.unit_code = r.unit_code AND z.entries = 0;`;
const pgFirstAdd = (src: string) => `
    INSERT INTO fund_project_firsts (${FIRST_COLS})
    SELECT r.project_id, r.year, r.status, r.unit_code, MIN(r.month), ${SCOPE}, ${LARGE}
    FROM ${src} r ${DIMS('r')} GROUP BY 1, 2, 3, 4, 6, 7
    ON CONFLICT (${FIRST_KEY}) DO UPDATE SET first_month = excluded.first_month
    WHERE excluded.first_month < fund_project_firsts.first_month;`;
const pgFirstRecompute = (src: string) => `
    DELETE FROM fund_project_firsts z USING (SELECT DISTINCT project_id, year, status, unit_code FROM ${src} x) r
    WHERE z.project_id = r.project_id AND z.year = r.year AND z.status = r.status AND z.unit_code = r.unit_code;
    INSERT INTO fund_project_firsts (${FIRST_COLS})
    SELECT k.project_id, k.year, k.status, k.unit_code, MIN(f.month), ${SCOPE}, ${LARGE}
    FROM (SELECT DISTINCT project_id, year, status, unit_code FROM ${src} x) k
    JOIN fund_entries f ON f.project_id = k.project_id AND f.year = k.year AND f.status = k.status AND f.unit_code = k.unit_code
    ${DIMS('k')} GROUP BY 1, 2, 3, 4, 6, 7;`;
// Rows of an UPDATE whose contribution changed (a note or verifier change moves nothing).
const pgChanged = (side: 'o' | 'n', cols: string[]) =>
  `(SELECT ${side}.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (${cols.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `n.${c}`).join(', ')}))`;

function pgMove(where: string, oldScope: string, oldLarge: string, newScope: string, newLarge: string): string {
  const part = (scope: string, large: string, sign: '' | '-') => `
    INSERT INTO fund_rollups (${ROLLUP_COLS})
    SELECT f.year, f.month, f.unit_code, f.status, ${scope}, ${large}, ${sign}SUM(f.amount_yuan), ${sign}SUM(f.foreign_usd), ${sign}COUNT(*)
    FROM fund_entries f JOIN projects p ON p.id = f.project_id WHERE ${where}
    GROUP BY 1, 2, 3, 4, 5, 6 ${ROLLUP_MERGE};`;
  return `${part(oldScope, oldLarge, '-')}${part(newScope, newLarge, '')}
    DELETE FROM fund_rollups WHERE entries = 0 AND (year, status, month, unit_code) IN
      (SELECT f.year, f.status, f.month, f.unit_code FROM fund_entries f JOIN projects p ON p.id = f.project_id WHERE ${where});`;
}

const bdCols = [...ENTRY_DIMS, 'amount_yuan'];
// (An equality join on the whole key, so the primary key is used: an IN over two units is not.)
const pgBdDropZero = (src: string) => `
    DELETE FROM fund_breakdown_rollups z
    USING (SELECT year, status, month, unit_code FROM ${src} x UNION SELECT year, status, month, '*' FROM ${src} x) r
    WHERE z.year = r.year AND z.unit_code = r.unit_code AND z.status = r.status AND z.month = r.month AND z.entries = 0;`;

export function pgRollupObjects(): GeneratedObject[] {
  const all = [...ENTRY_DIMS, 'amount_yuan', 'foreign_usd'];
  const fn = (name: string, sql: string): GeneratedObject => ({ kind: 'function', name, sql });
  const t = (name: string, table: string, sql: string): GeneratedObject => ({ kind: 'trigger', name, table, sql });
  return [
    fn(
      'fund_rollups_entries',
      `CREATE FUNCTION fund_rollups_entries() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF TG_OP = 'INSERT' THEN
         ${pgRollup('new_rows', '')}
         ${pgFirstAdd('new_rows')}
       ELSIF TG_OP = 'DELETE' THEN
         ${pgRollup('old_rows', '-')}
         ${pgDropZero('old_rows')}
         ${pgFirstRecompute('old_rows')}
       ELSE
         ${pgRollup(pgChanged('o', all), '-')}
         ${pgRollup(pgChanged('n', all), '')}
         ${pgDropZero(pgChanged('o', all))}
         ${pgFirstRecompute(pgChanged('o', ENTRY_DIMS))}
         ${pgFirstAdd(pgChanged('n', ENTRY_DIMS))}
       END IF;
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_rollups_entry_insert',
      'fund_entries',
      `CREATE TRIGGER fund_rollups_entry_insert AFTER INSERT ON fund_entries REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_rollups_entries()`,
    ),
    t(
      'fund_rollups_entry_update',
      'fund_entries',
      `CREATE TRIGGER fund_rollups_entry_update AFTER UPDATE ON fund_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_rollups_entries()`,
    ),
    t(
      'fund_rollups_entry_delete',
      'fund_entries',
      `CREATE TRIGGER fund_rollups_entry_delete AFTER DELETE ON fund_entries REFERENCING OLD TABLE AS old_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_rollups_entries()`,
    ),
    fn(
      'fund_rollups_project',
      `CREATE FUNCTION fund_rollups_project() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       -- (A trigger's WHEN cannot read stats_params: a change that keeps the large flag moves nothing.)
       IF OLD.investor_id IS NOT DISTINCT FROM NEW.investor_id
          AND (${largeOf('OLD.total_investment_yuan')}) = (${largeOf('NEW.total_investment_yuan')}) THEN RETURN NULL; END IF;
       ${pgMove(
         'f.project_id = NEW.id',
         `COALESCE((SELECT origin_scope FROM investors WHERE id = OLD.investor_id), '')`,
         largeOf('OLD.total_investment_yuan'),
         `COALESCE((SELECT origin_scope FROM investors WHERE id = NEW.investor_id), '')`,
         largeOf('NEW.total_investment_yuan'),
       )}
       UPDATE fund_project_firsts SET origin_scope = COALESCE((SELECT origin_scope FROM investors WHERE id = NEW.investor_id), ''),
         large = ${largeOf('NEW.total_investment_yuan')} WHERE project_id = NEW.id;
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_rollups_project_update',
      'projects',
      `CREATE TRIGGER fund_rollups_project_update AFTER UPDATE OF investor_id, total_investment_yuan ON projects FOR EACH ROW
       WHEN (OLD.investor_id IS DISTINCT FROM NEW.investor_id OR OLD.total_investment_yuan IS DISTINCT FROM NEW.total_investment_yuan)
       EXECUTE FUNCTION fund_rollups_project()`,
    ),
    fn(
      'fund_rollups_investor',
      `CREATE FUNCTION fund_rollups_investor() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       -- Suspended while a home-city change re-derives every investor's scope (rebuilt after, outside the request).
       IF NOT ${ACTIVE} THEN RETURN NULL; END IF;
       ${pgMove(
         'p.investor_id = NEW.id',
         `COALESCE(OLD.origin_scope, '')`,
         largeOf('p.total_investment_yuan'),
         `COALESCE(NEW.origin_scope, '')`,
         largeOf('p.total_investment_yuan'),
       )}
       UPDATE fund_project_firsts SET origin_scope = COALESCE(NEW.origin_scope, '') WHERE project_id IN (SELECT id FROM projects WHERE investor_id = NEW.id);
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_rollups_investor_update',
      'investors',
      `CREATE TRIGGER fund_rollups_investor_update AFTER UPDATE OF origin_scope ON investors FOR EACH ROW
       WHEN (OLD.origin_scope IS DISTINCT FROM NEW.origin_scope)
       EXECUTE FUNCTION fund_rollups_investor()`,
    ),
    fn(
      'fund_large_firsts_recompute',
      `CREATE FUNCTION fund_large_firsts_recompute(p bigint, y integer) RETURNS void LANGUAGE plpgsql AS $fn$
     BEGIN ${recompute('p', 'y')} END $fn$`,
    ),
    fn(
      'fund_large_firsts_sync',
      `CREATE FUNCTION fund_large_firsts_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF NOT ${ACTIVE} THEN RETURN NULL; END IF;
       IF TG_OP <> 'INSERT' THEN PERFORM fund_large_firsts_recompute(OLD.project_id, OLD.year); END IF;
       IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.project_id, NEW.year) IS DISTINCT FROM (OLD.project_id, OLD.year)) THEN
         PERFORM fund_large_firsts_recompute(NEW.project_id, NEW.year);
       END IF;
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_large_firsts_sync',
      'fund_project_firsts',
      `CREATE TRIGGER fund_large_firsts_sync AFTER INSERT OR UPDATE OR DELETE ON fund_project_firsts
       FOR EACH ROW EXECUTE FUNCTION fund_large_firsts_sync()`,
    ),
    fn(
      'fund_large_counts_sync',
      `CREATE FUNCTION fund_large_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF NOT ${ACTIVE} THEN RETURN NULL; END IF;
       IF TG_OP = 'INSERT' THEN ${countAdd} ELSE ${countRemove} END IF;
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_large_counts_sync',
      'fund_large_firsts',
      `CREATE TRIGGER fund_large_counts_sync AFTER INSERT OR DELETE ON fund_large_firsts
       FOR EACH ROW EXECUTE FUNCTION fund_large_counts_sync()`,
    ),
    // The breakdown (docs/adr/0006).
    fn(
      'fund_breakdown_entries',
      `CREATE FUNCTION fund_breakdown_entries() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF TG_OP = 'INSERT' THEN
         ${bdSums(`new_rows r ${DIMS('r')}`, 'true', BD_DIM_VALUES, '')}
       ELSIF TG_OP = 'DELETE' THEN
         ${bdSums(`old_rows r ${DIMS('r')}`, 'true', BD_DIM_VALUES, '-')}
         ${pgBdDropZero('old_rows')}
       ELSE
         ${bdSums(`${pgChanged('o', bdCols)} r ${DIMS('r')}`, 'true', BD_DIM_VALUES, '-')}
         ${bdSums(`${pgChanged('n', bdCols)} r ${DIMS('r')}`, 'true', BD_DIM_VALUES, '')}
         ${pgBdDropZero(pgChanged('o', bdCols))}
       END IF;
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_breakdown_entry_insert',
      'fund_entries',
      `CREATE TRIGGER fund_breakdown_entry_insert AFTER INSERT ON fund_entries REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_breakdown_entries()`,
    ),
    t(
      'fund_breakdown_entry_update',
      'fund_entries',
      `CREATE TRIGGER fund_breakdown_entry_update AFTER UPDATE ON fund_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_breakdown_entries()`,
    ),
    t(
      'fund_breakdown_entry_delete',
      'fund_entries',
      `CREATE TRIGGER fund_breakdown_entry_delete AFTER DELETE ON fund_entries REFERENCING OLD TABLE AS old_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_breakdown_entries()`,
    ),
    fn(
      'fund_breakdown_project',
      `CREATE FUNCTION fund_breakdown_project() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       ${BD_PROJECT_MOVE}
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_breakdown_project_update',
      'projects',
      `CREATE TRIGGER fund_breakdown_project_update AFTER UPDATE OF investor_id, industry ON projects FOR EACH ROW
       WHEN (OLD.investor_id IS DISTINCT FROM NEW.investor_id OR OLD.industry IS DISTINCT FROM NEW.industry)
       EXECUTE FUNCTION fund_breakdown_project()`,
    ),
    fn(
      'fund_breakdown_investor',
      `CREATE FUNCTION fund_breakdown_investor() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       -- Suspended while a home-city change re-derives every investor's scope (rebuilt after, outside the request).
       IF NOT ${ACTIVE} THEN RETURN NULL; END IF;
       ${BD_INVESTOR_MOVE}
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_breakdown_investor_update',
      'investors',
      `CREATE TRIGGER fund_breakdown_investor_update AFTER UPDATE OF origin_scope, origin_code ON investors FOR EACH ROW
       WHEN (OLD.origin_scope IS DISTINCT FROM NEW.origin_scope OR OLD.origin_code IS DISTINCT FROM NEW.origin_code)
       EXECUTE FUNCTION fund_breakdown_investor()`,
    ),
    fn(
      'fund_breakdown_firsts_recompute',
      `CREATE FUNCTION fund_breakdown_firsts_recompute(p bigint, y integer) RETURNS void LANGUAGE plpgsql AS $fn$
     BEGIN ${bdRecompute('p', 'y')} END $fn$`,
    ),
    fn(
      'fund_breakdown_firsts_sync',
      `CREATE FUNCTION fund_breakdown_firsts_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF NOT ${ACTIVE} THEN RETURN NULL; END IF;
       IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (NEW.project_id, NEW.year) IS DISTINCT FROM (OLD.project_id, OLD.year)) THEN
         PERFORM fund_breakdown_firsts_recompute(OLD.project_id, OLD.year);
       END IF;
       IF TG_OP <> 'DELETE' THEN PERFORM fund_breakdown_firsts_recompute(NEW.project_id, NEW.year); END IF;
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_breakdown_firsts_sync',
      'fund_project_firsts',
      `CREATE TRIGGER fund_breakdown_firsts_sync AFTER INSERT OR UPDATE OR DELETE ON fund_project_firsts
       FOR EACH ROW EXECUTE FUNCTION fund_breakdown_firsts_sync()`,
    ),
    fn(
      'fund_breakdown_counts_sync',
      `CREATE FUNCTION fund_breakdown_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF NOT ${ACTIVE} THEN RETURN NULL; END IF;
       IF TG_OP <> 'INSERT' THEN ${bdCountRemove} END IF;
       IF TG_OP <> 'DELETE' THEN ${bdCountAdd} END IF;
       RETURN NULL;
     END $fn$`,
    ),
    t(
      'fund_breakdown_counts_sync',
      'fund_breakdown_firsts',
      `CREATE TRIGGER fund_breakdown_counts_sync AFTER INSERT OR UPDATE OR DELETE ON fund_breakdown_firsts
       FOR EACH ROW EXECUTE FUNCTION fund_breakdown_counts_sync()`,
    ),
  ];
}

export function rollupObjects(dialect: 'sqlite' | 'postgres'): GeneratedObject[] {
  return dialect === 'postgres' ? pgRollupObjects() : sqliteRollupObjects();
}

/** The body of a PostgreSQL function as pg_proc.prosrc stores it (between the $fn$ quotes). */
export function pgFunctionBody(createSql: string): string {
  const start = createSql.indexOf('$fn$') + 4;
  return createSql.slice(start, createSql.lastIndexOf('$fn$'));
}
