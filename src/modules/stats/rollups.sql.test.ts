// The rollup triggers a migrated database holds are exactly what rollups.sql.ts generates from the
// statistics definitions now (docs/adr/0005): change a definition without a new migration and this fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DB_KINDS, freshDb, type TestDb } from '../../test/harness';
import { COUNTED_STATUSES } from '../../domain/stats.definitions';
import { checkRollupTriggers } from './rollups';
import { largeFirstsSelect, rollupObjects } from './rollups.sql';

describe('the generated rollup SQL', () => {
  it('takes the counted statuses and "large and non-local" from the definitions', () => {
    const text = largeFirstsSelect();
    for (const statuses of Object.values(COUNTED_STATUSES))
      expect(text).toContain(`status IN (${statuses.map((s) => `'${s}'`).join(', ')})`);
    expect(text).toContain(`origin_scope IN ('province', 'domestic', 'abroad')`);
    expect(rollupObjects('sqlite').map((o) => o.name)).toContain('fund_rollups_investor_update');
  });
});

describe.each(DB_KINDS)('stored rollup triggers on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('equal what the generator produces now', async () => {
    expect(await checkRollupTriggers(t.db)).toEqual([]);
  });

  it('report a trigger that differs from the generated one', async () => {
    const [one] = rollupObjects(kind === 'postgres' ? 'postgres' : 'sqlite').filter((o) => o.name === 'fund_rollups_investor_update');
    if (kind === 'postgres') {
      await sql.raw('DROP TRIGGER fund_rollups_investor_update ON investors').execute(t.db);
      await sql
        .raw(`CREATE TRIGGER fund_rollups_investor_update AFTER UPDATE OF origin_scope ON investors FOR EACH ROW
        EXECUTE FUNCTION fund_rollups_investor()`)
        .execute(t.db);
    } else {
      await sql.raw('DROP TRIGGER fund_rollups_investor_update').execute(t.db);
      await sql.raw(one!.sql.replace('AND (SELECT suspended', 'AND 1 = 1 AND (SELECT suspended')).execute(t.db);
    }
    expect(await checkRollupTriggers(t.db)).toEqual([{ name: 'fund_rollups_investor_update', problem: 'different' }]);
    await sql
      .raw(kind === 'postgres' ? 'DROP TRIGGER fund_rollups_investor_update ON investors' : 'DROP TRIGGER fund_rollups_investor_update')
      .execute(t.db);
    expect(await checkRollupTriggers(t.db)).toEqual([{ name: 'fund_rollups_investor_update', problem: 'missing' }]);
    await sql.raw(one!.sql).execute(t.db);
    expect(await checkRollupTriggers(t.db)).toEqual([]);
  });
});
