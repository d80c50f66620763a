// Frozen in time: never import app code here. A later change is a new migration.
// Large-project counts without scanning (docs/adr/0003-statistics-rollups.md, "Large projects").
// The dispatch figure "large projects with counted funds up to month M" is a COUNT(DISTINCT project)
// over fund_project_firsts, which at province scale reads ~70,000 index entries. Two more layers,
// kept by triggers, make it a sum over a dozen rows:
//   fund_large_firsts  — per large, non-local project, year, basis (verified | reported) and unit
//                        (plus unit '*' for the whole city): the first month with counted funds;
//   fund_large_counts  — how many such projects per (year, basis, unit, first month).
// fund_project_firsts changes → its (project, year) rows in fund_large_firsts are recomputed →
// fund_large_counts moves by ±1. stats_params.suspended = 1 lets a rebuild fill them in bulk.
import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

const QUALIFIES = `large = 1 AND origin_scope NOT IN ('', 'local')`;
const BASES: [basis: string, statuses: string][] = [
  ['verified', `'verified'`],
  ['reported', `'submitted', 'approved', 'verified'`],
];

/** SELECT of fund_large_firsts rows from fund_project_firsts, optionally for one (project, year). */
function largeFirstsSelect(project?: string, year?: string): string {
  const one = project ? ` AND project_id = ${project} AND year = ${year}` : '';
  return BASES.flatMap(([basis, statuses]) => [
    `SELECT project_id, year, '${basis}', unit_code, MIN(first_month) FROM fund_project_firsts
       WHERE status IN (${statuses}) AND ${QUALIFIES}${one} GROUP BY project_id, year, unit_code`,
    `SELECT project_id, year, '${basis}', '*', MIN(first_month) FROM fund_project_firsts
       WHERE status IN (${statuses}) AND ${QUALIFIES}${one} GROUP BY project_id, year`,
  ]).join(' UNION ALL ');
}
const LF_COLS = 'project_id, year, basis, unit_code, first_month';
const recompute = (project: string, year: string) => `
  DELETE FROM fund_large_firsts WHERE project_id = ${project} AND year = ${year};
  INSERT INTO fund_large_firsts (${LF_COLS}) ${largeFirstsSelect(project, year)};`;
const countKey = (r: 'NEW' | 'OLD') =>
  `year = ${r}.year AND basis = ${r}.basis AND unit_code = ${r}.unit_code AND first_month = ${r}.first_month`;
const countAdd = `
  INSERT INTO fund_large_counts (year, basis, unit_code, first_month, projects) VALUES (NEW.year, NEW.basis, NEW.unit_code, NEW.first_month, 1)
  ON CONFLICT (year, basis, unit_code, first_month) DO UPDATE SET projects = fund_large_counts.projects + 1;`;
const countRemove = `
  UPDATE fund_large_counts SET projects = projects - 1 WHERE ${countKey('OLD')};
  DELETE FROM fund_large_counts WHERE ${countKey('OLD')} AND projects = 0;`;
const ACTIVE = '(SELECT suspended FROM stats_params WHERE id = 1) = 0';

async function sqliteTriggers(db: Db): Promise<void> {
  const stmts = [
    `CREATE TRIGGER fund_large_firsts_on_insert AFTER INSERT ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${recompute('NEW.project_id', 'NEW.year')} END`,
    `CREATE TRIGGER fund_large_firsts_on_delete AFTER DELETE ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${recompute('OLD.project_id', 'OLD.year')} END`,
    `CREATE TRIGGER fund_large_firsts_on_update AFTER UPDATE ON fund_project_firsts WHEN ${ACTIVE}
       BEGIN ${recompute('OLD.project_id', 'OLD.year')} ${recompute('NEW.project_id', 'NEW.year')} END`,
    `CREATE TRIGGER fund_large_counts_on_insert AFTER INSERT ON fund_large_firsts WHEN ${ACTIVE} BEGIN ${countAdd} END`,
    `CREATE TRIGGER fund_large_counts_on_delete AFTER DELETE ON fund_large_firsts WHEN ${ACTIVE} BEGIN ${countRemove} END`,
  ];
  for (const s of stmts) await sql.raw(s).execute(db);
}

async function pgTriggers(db: Db): Promise<void> {
  const stmts = [
    `CREATE FUNCTION fund_large_firsts_recompute(p bigint, y integer) RETURNS void LANGUAGE plpgsql AS $fn$
     BEGIN ${recompute('p', 'y')} END $fn$`,
    `CREATE FUNCTION fund_large_firsts_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF NOT ${ACTIVE} THEN RETURN NULL; END IF;
       IF TG_OP <> 'INSERT' THEN PERFORM fund_large_firsts_recompute(OLD.project_id, OLD.year); END IF;
       IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.project_id, NEW.year) IS DISTINCT FROM (OLD.project_id, OLD.year)) THEN
         PERFORM fund_large_firsts_recompute(NEW.project_id, NEW.year);
       END IF;
       RETURN NULL;
     END $fn$`,
    `CREATE TRIGGER fund_large_firsts_sync AFTER INSERT OR UPDATE OR DELETE ON fund_project_firsts
       FOR EACH ROW EXECUTE FUNCTION fund_large_firsts_sync()`,
    `CREATE FUNCTION fund_large_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF NOT ${ACTIVE} THEN RETURN NULL; END IF;
       IF TG_OP = 'INSERT' THEN ${countAdd} ELSE ${countRemove} END IF;
       RETURN NULL;
     END $fn$`,
    `CREATE TRIGGER fund_large_counts_sync AFTER INSERT OR DELETE ON fund_large_firsts
       FOR EACH ROW EXECUTE FUNCTION fund_large_counts_sync()`,
  ];
  for (const s of stmts) await sql.raw(s).execute(db);
}

export async function up(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .alterTable('stats_params')
    .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('fund_large_firsts')
    .addColumn('project_id', 'bigint', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('basis', 'varchar(16)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('first_month', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_large_firsts_pk', ['project_id', 'year', 'basis', 'unit_code'])
    .execute();
  await db.schema
    .createTable('fund_large_counts')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('basis', 'varchar(16)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('first_month', 'integer', (c) => c.notNull())
    .addColumn('projects', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_large_counts_pk', ['year', 'basis', 'unit_code', 'first_month'])
    .execute();
  await sql.raw(`INSERT INTO fund_large_firsts (${LF_COLS}) ${largeFirstsSelect()}`).execute(db);
  await sql
    .raw(`INSERT INTO fund_large_counts (year, basis, unit_code, first_month, projects)
    SELECT year, basis, unit_code, first_month, COUNT(*) FROM fund_large_firsts GROUP BY year, basis, unit_code, first_month`)
    .execute(db);
  if (dialect === 'postgres') await pgTriggers(db);
  else await sqliteTriggers(db);
}
