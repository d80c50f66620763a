import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import { dialectOf, type Db } from './database';
import * as m001 from './migrations/001_initial';
import * as m002 from './migrations/002_investor_creator_unit';
import * as m003 from './migrations/003_fund_rollups';
import * as m004 from './migrations/004_large_project_counts';
import * as m005 from './migrations/005_period_snapshots';
import * as m006 from './migrations/006_regenerate_rollup_triggers';
import * as m010 from './migrations/010_security';
import * as m014 from './migrations/014_job_runs';
import * as m007 from './migrations/007_warnings';
import * as m008 from './migrations/008_activities_reserve';
import * as m015 from './migrations/015_notifications';
import * as m016 from './migrations/016_breakdown_rollups';
import * as m017 from './migrations/017_auth_notify';
import * as m018 from './migrations/018_data_notify';
import * as m019 from './migrations/019_rollup_firsts_noop_updates';

type Mod = { up: (db: Kysely<unknown>, dialect: 'sqlite' | 'postgres') => Promise<void> };
// Ordered list: a new migration is appended here, never edited once released.
const MIGRATIONS: [string, Mod][] = [
  ['001_initial', m001],
  ['002_investor_creator_unit', m002],
  ['003_fund_rollups', m003],
  ['004_large_project_counts', m004],
  ['005_period_snapshots', m005],
  ['006_regenerate_rollup_triggers', m006],
  ['007_warnings', m007],
  ['008_activities_reserve', m008],
  ['010_security', m010],
  ['014_job_runs', m014],
  ['015_notifications', m015],
  ['016_breakdown_rollups', m016],
  ['017_auth_notify', m017],
  ['018_data_notify', m018],
  ['019_rollup_firsts_noop_updates', m019],
];

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
