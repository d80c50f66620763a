import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import { dialectOf, type Db } from './database';
import * as m001 from './migrations/001_initial';
import * as m002 from './migrations/002_investor_creator_unit';
import * as m003 from './migrations/003_fund_rollups';
import * as m004 from './migrations/004_large_project_counts';
import * as m007 from './migrations/007_warnings';
import * as m015 from './migrations/015_notifications';

type Mod = { up: (db: Kysely<unknown>, dialect: 'sqlite' | 'postgres') => Promise<void> };
// Ordered list: a new migration is appended here, never edited once released.
const MIGRATIONS: [string, Mod][] = [['001_initial', m001], ['002_investor_creator_unit', m002],
  ['003_fund_rollups', m003], ['004_large_project_counts', m004],
  ['007_warnings', m007],
  ['015_notifications', m015]];

export async function migrate(db: Db): Promise<string[]> {
  const dialect = dialectOf(db);
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, mod] of MIGRATIONS) out[name] = { up: (d) => mod.up(d, dialect) };
      return out;
    },
  };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
