// Test support: loads the sample ledger (a copy of ../shared/samples/ledger.xlsx) through the real importer.
import path from 'node:path';
import type { Db } from '../../db/database';
import { SYSTEM_ACTOR } from '../auth/actor';
import { importLedgerFile } from '../ledger/ledger.import';

export const SAMPLE_LEDGER = path.resolve('src/test/fixtures/ledger.xlsx');
export const SAMPLE_EXPECTED = path.resolve('src/test/fixtures/expected-dispatch-2026-05.json');

export async function loadSample(db: Db): Promise<void> {
  const r = await importLedgerFile(db, SYSTEM_ACTOR, SAMPLE_LEDGER);
  if (!r.ok) throw new Error(`台账导入失败（${r.errorCount} 个错误）：${JSON.stringify(r.errors.slice(0, 5))}`);
}
