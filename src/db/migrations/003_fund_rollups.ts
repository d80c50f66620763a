// Frozen in time: never import app code here. A later change is a new migration.
// Statistics rollups (docs/adr/0003-statistics-rollups.md): fund_rollups holds Σ amount, Σ foreign
// USD and the entry count of fund_entries per (year, month, unit, status, origin scope, large);
// fund_project_firsts the earliest month per (project, year, status, unit). Database triggers keep
// both exact on every write path (services, ledger import, demo generator, raw SQL):
//   fund_entries INSERT / UPDATE / DELETE      → the entry's contribution moves;
//   projects UPDATE OF investor_id, total_investment_yuan → all its entries move between groups;
//   investors UPDATE OF origin_scope           → all entries of its projects move.
// The unit of an entry is fund_entries.unit_code (the statistics always grouped by it; the projects
// service moves entries with their project). `large` compares the project's total investment with
// stats_params.large_threshold_yuan; a threshold change rebuilds (src/modules/stats/rollups.ts).
import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

const ROLLUP_COLS = 'year, month, unit_code, status, origin_scope, large, amount_yuan, foreign_usd, entries';
const ROLLUP_KEY = 'year, status, month, unit_code, origin_scope, large';
const FIRST_COLS = 'project_id, year, status, unit_code, first_month, origin_scope, large';
const FIRST_KEY = 'project_id, year, status, unit_code';
const ROLLUP_MERGE = `ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET amount_yuan = fund_rollups.amount_yuan + excluded.amount_yuan,
  foreign_usd = fund_rollups.foreign_usd + excluded.foreign_usd, entries = fund_rollups.entries + excluded.entries`;
const THRESHOLD = '(SELECT large_threshold_yuan FROM stats_params WHERE id = 1)';
const largeOf = (total: string) => `CASE WHEN ${total} >= ${THRESHOLD} THEN 1 ELSE 0 END`;

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
const sqFirstAdd = `
  INSERT INTO fund_project_firsts (${FIRST_COLS})
  SELECT NEW.project_id, NEW.year, NEW.status, NEW.unit_code, NEW.month, ${sqScope('NEW.project_id')}, ${sqLarge('NEW.project_id')}
  WHERE true ON CONFLICT (${FIRST_KEY}) DO UPDATE SET first_month = min(fund_project_firsts.first_month, excluded.first_month);`;
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

async function sqliteTriggers(db: Db): Promise<void> {
  const stmts = [
    `CREATE TRIGGER fund_rollups_entry_insert AFTER INSERT ON fund_entries BEGIN ${sqRollup('NEW', '')} ${sqFirstAdd} END`,
    `CREATE TRIGGER fund_rollups_entry_delete AFTER DELETE ON fund_entries BEGIN ${sqRollup('OLD', '-')} ${sqDropZero} ${sqFirstRecompute} END`,
    `CREATE TRIGGER fund_rollups_entry_update AFTER UPDATE OF year, month, unit_code, status, project_id, amount_yuan, foreign_usd ON fund_entries
       WHEN ${changed([...ENTRY_DIMS, 'amount_yuan', 'foreign_usd'])}
       BEGIN ${sqRollup('OLD', '-')} ${sqRollup('NEW', '')} ${sqDropZero} END`,
    `CREATE TRIGGER fund_firsts_entry_update AFTER UPDATE OF year, month, unit_code, status, project_id ON fund_entries
       WHEN ${changed(ENTRY_DIMS)}
       BEGIN ${sqFirstRecompute} ${sqFirstAdd} END`,
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
    `CREATE TRIGGER fund_rollups_investor_update AFTER UPDATE OF origin_scope ON investors
       WHEN OLD.origin_scope IS NOT NEW.origin_scope
       BEGIN
       ${sqMove('p.investor_id = NEW.id', `COALESCE(OLD.origin_scope, '')`, largeOf('p.total_investment_yuan'), `COALESCE(NEW.origin_scope, '')`, largeOf('p.total_investment_yuan'))}
       UPDATE fund_project_firsts SET origin_scope = COALESCE(NEW.origin_scope, '') WHERE project_id IN (SELECT id FROM projects WHERE investor_id = NEW.id);
       END`,
  ];
  for (const s of stmts) await sql.raw(s).execute(db);
}

// ---- PostgreSQL: statement triggers over transition tables for fund_entries (one set-based pass
// per INSERT/UPDATE/DELETE statement, so bulk writes stay cheap), row triggers for projects and
// investors. ------------------------------------------------------------------------------------
const pgDims = (alias: string) => `JOIN projects p ON p.id = ${alias}.project_id LEFT JOIN investors i ON i.id = p.investor_id`;
const pgScope = `COALESCE(i.origin_scope, '')`;
const pgLarge = largeOf('p.total_investment_yuan');
const pgRollup = (src: string, sign: '' | '-') => `
    INSERT INTO fund_rollups (${ROLLUP_COLS})
    SELECT r.year, r.month, r.unit_code, r.status, ${pgScope}, ${pgLarge}, ${sign}SUM(r.amount_yuan), ${sign}SUM(r.foreign_usd), ${sign}COUNT(*)
    FROM ${src} r ${pgDims('r')} GROUP BY 1, 2, 3, 4, 5, 6 ${ROLLUP_MERGE};`;
const pgDropZero = (src: string) => `
    DELETE FROM fund_rollups z USING (SELECT DISTINCT year, status, month, unit_code FROM ${src} x) r
    WHERE z.year = r.year AND z.status = r.status AND z.month = r.month AND z.unit_code = r.unit_code AND z.entries = 0;`;
const pgFirstAdd = (src: string) => `
    INSERT INTO fund_project_firsts (${FIRST_COLS})
    SELECT r.project_id, r.year, r.status, r.unit_code, MIN(r.month), ${pgScope}, ${pgLarge}
    FROM ${src} r ${pgDims('r')} GROUP BY 1, 2, 3, 4, 6, 7
    ON CONFLICT (${FIRST_KEY}) DO UPDATE SET first_month = LEAST(fund_project_firsts.first_month, excluded.first_month);`;
const pgFirstRecompute = (src: string) => `
    DELETE FROM fund_project_firsts z USING (SELECT DISTINCT project_id, year, status, unit_code FROM ${src} x) r
    WHERE z.project_id = r.project_id AND z.year = r.year AND z.status = r.status AND z.unit_code = r.unit_code;
    INSERT INTO fund_project_firsts (${FIRST_COLS})
    SELECT k.project_id, k.year, k.status, k.unit_code, MIN(f.month), ${pgScope}, ${pgLarge}
    FROM (SELECT DISTINCT project_id, year, status, unit_code FROM ${src} x) k
    JOIN fund_entries f ON f.project_id = k.project_id AND f.year = k.year AND f.status = k.status AND f.unit_code = k.unit_code
    ${pgDims('k')} GROUP BY 1, 2, 3, 4, 6, 7;`;
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

async function pgTriggers(db: Db): Promise<void> {
  const all = [...ENTRY_DIMS, 'amount_yuan', 'foreign_usd'];
  const stmts = [
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
    `CREATE TRIGGER fund_rollups_entry_insert AFTER INSERT ON fund_entries REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_rollups_entries()`,
    `CREATE TRIGGER fund_rollups_entry_update AFTER UPDATE ON fund_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_rollups_entries()`,
    `CREATE TRIGGER fund_rollups_entry_delete AFTER DELETE ON fund_entries REFERENCING OLD TABLE AS old_rows
       FOR EACH STATEMENT EXECUTE FUNCTION fund_rollups_entries()`,
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
    `CREATE TRIGGER fund_rollups_project_update AFTER UPDATE OF investor_id, total_investment_yuan ON projects FOR EACH ROW
       WHEN (OLD.investor_id IS DISTINCT FROM NEW.investor_id OR OLD.total_investment_yuan IS DISTINCT FROM NEW.total_investment_yuan)
       EXECUTE FUNCTION fund_rollups_project()`,
    `CREATE FUNCTION fund_rollups_investor() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       ${pgMove('p.investor_id = NEW.id', `COALESCE(OLD.origin_scope, '')`, largeOf('p.total_investment_yuan'), `COALESCE(NEW.origin_scope, '')`, largeOf('p.total_investment_yuan'))}
       UPDATE fund_project_firsts SET origin_scope = COALESCE(NEW.origin_scope, '') WHERE project_id IN (SELECT id FROM projects WHERE investor_id = NEW.id);
       RETURN NULL;
     END $fn$`,
    `CREATE TRIGGER fund_rollups_investor_update AFTER UPDATE OF origin_scope ON investors FOR EACH ROW
       WHEN (OLD.origin_scope IS DISTINCT FROM NEW.origin_scope)
       EXECUTE FUNCTION fund_rollups_investor()`,
  ];
  for (const s of stmts) await sql.raw(s).execute(db);
}

export async function up(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('stats_params')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('large_threshold_yuan', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('fund_rollups')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('origin_scope', 'varchar(16)', (c) => c.notNull())
    .addColumn('large', 'integer', (c) => c.notNull())
    .addColumn('amount_yuan', 'bigint', (c) => c.notNull())
    .addColumn('foreign_usd', 'bigint', (c) => c.notNull())
    .addColumn('entries', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_rollups_pk', ['year', 'status', 'month', 'unit_code', 'origin_scope', 'large'])
    .execute();
  await db.schema
    .createTable('fund_project_firsts')
    .addColumn('project_id', 'bigint', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('first_month', 'integer', (c) => c.notNull())
    .addColumn('origin_scope', 'varchar(16)', (c) => c.notNull())
    .addColumn('large', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_project_firsts_pk', ['project_id', 'year', 'status', 'unit_code'])
    .execute();
  // The large-projects count reads this index only.
  await db.schema
    .createIndex('fund_project_firsts_stats')
    .on('fund_project_firsts')
    .columns(['year', 'large', 'status', 'first_month', 'origin_scope', 'unit_code', 'project_id'])
    .execute();
  // Contracts of the year by unit (dispatch statistics) without touching the projects table.
  await db.schema
    .createIndex('projects_contract_stats')
    .on('projects')
    .columns(['contract_date', 'unit_code', 'total_investment_yuan'])
    .execute();
  // Projects per stage for the whole city: an ordered index-only scan instead of a sort.
  await db.schema.createIndex('projects_stage').on('projects').column('stage').execute();

  // The threshold as the triggers see it: the setting (万元, JSON number) × 10000, default 5000万元.
  const row = await sql<{ value: string }>`SELECT value FROM settings WHERE key = 'largeProjectThresholdWan'`.execute(db);
  let wan = 5000;
  try {
    const v: unknown = row.rows[0] ? JSON.parse(row.rows[0].value) : 5000;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) wan = v;
  } catch {
    /* a bad stored value counts as the default, as the settings service reads it */
  }
  await sql`INSERT INTO stats_params (id, large_threshold_yuan) VALUES (1, ${wan * 10000})`.execute(db);

  await sql
    .raw(`INSERT INTO fund_rollups (${ROLLUP_COLS})
    SELECT f.year, f.month, f.unit_code, f.status, ${pgScope}, ${pgLarge}, SUM(f.amount_yuan), SUM(f.foreign_usd), COUNT(*)
    FROM fund_entries f ${pgDims('f')} GROUP BY 1, 2, 3, 4, 5, 6`)
    .execute(db);
  await sql
    .raw(`INSERT INTO fund_project_firsts (${FIRST_COLS})
    SELECT f.project_id, f.year, f.status, f.unit_code, MIN(f.month), ${pgScope}, ${pgLarge}
    FROM fund_entries f ${pgDims('f')} GROUP BY 1, 2, 3, 4, 6, 7`)
    .execute(db);

  if (dialect === 'postgres') await pgTriggers(db);
  else await sqliteTriggers(db);
}
