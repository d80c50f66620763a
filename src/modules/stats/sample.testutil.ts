// Test support: loads the sample ledger (a copy of ../shared/samples/ledger.xlsx) through the real importer.
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../contracts/common';
import { addUser, freshDb, testApp, type DbKind, type TestDb } from '../../test/harness';
import type { Db } from '../../db/database';
import { SYSTEM_ACTOR } from '../auth/actor';
import { importLedgerFile } from '../ledger/ledger.import';

export const SAMPLE_LEDGER = path.resolve('src/test/fixtures/ledger.xlsx');
export const SAMPLE_EXPECTED = path.resolve('src/test/fixtures/expected-dispatch-2026-05.json');

export async function loadSample(db: Db): Promise<void> {
  const r = await importLedgerFile(db, SYSTEM_ACTOR, SAMPLE_LEDGER);
  if (!r.ok) throw new Error(`台账导入失败（${r.errorCount} 个错误）：${JSON.stringify(r.errors.slice(0, 5))}`);
}

type UserSpec = [username: string, roles: Role[], unitCode?: string];

/**
 * The setup the statistics, targets, briefing and assessment tests share: a fresh database of the
 * given kind with the sample ledger imported, these users, and a running app — torn down after the
 * suite. `extra` adds what one suite needs on top (before the app starts). Read `ctx.t` / `ctx.app`
 * inside tests.
 */
export function sampleSuite(kind: DbKind, users: UserSpec[], extra?: (db: Db) => Promise<void>) {
  const ctx = {} as { t: TestDb; app: FastifyInstance };
  beforeAll(async () => {
    ctx.t = await freshDb(kind);
    await loadSample(ctx.t.db);
    for (const [name, roles, unit] of users) await addUser(ctx.t.db, name, roles, unit ?? null);
    if (extra) await extra(ctx.t.db);
    ctx.app = await testApp(ctx.t.db);
  }, 60_000);
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.t?.drop();
  });
  return ctx;
}
