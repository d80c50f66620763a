// Set-based writes for the ledger import: many stored rows updated by one statement
// (WITH v(...) AS (VALUES …) UPDATE … FROM v), guarded by the version each row had when checked.
// Works on SQLite (≥ 3.33) and PostgreSQL alike.
import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { StaleImport } from './ledger.plan';

export type SqlType = 'BIGINT' | 'TEXT';

export interface RowUpdate {
  id: number;
  version: number;
  set: Record<string, unknown>;
}

const CHUNK = 400;

/**
 * Updates rows of `table` by id, each with its own values; rows changing the same columns share a
 * statement. Throws StaleImport when any row's version moved since the check.
 */
export async function updateManyById(
  tx: Tx,
  table: string,
  rows: RowUpdate[],
  types: Readonly<Record<string, SqlType>>,
  now: string,
): Promise<void> {
  const groups = new Map<string, RowUpdate[]>();
  for (const r of rows) {
    const key = Object.keys(r.set).sort().join(',');
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const cast = (v: unknown, type: SqlType) => sql`CAST(${v ?? null} AS ${sql.raw(type)})`;
  const t = sql.table(table);
  for (const [key, group] of groups) {
    const cols = key ? key.split(',') : [];
    for (const c of cols) if (!types[c]) throw new Error(`updateManyById: no type for ${table}.${c}`);
    for (let i = 0; i < group.length; i += CHUNK) {
      const chunk = group.slice(i, i + CHUNK);
      const values = sql.join(
        chunk.map(
          (r) => sql`(${sql.join([cast(r.id, 'BIGINT'), cast(r.version, 'BIGINT'), ...cols.map((c) => cast(r.set[c], types[c]!))])})`,
        ),
      );
      const names = sql.join(['id', 'version', ...cols].map((c) => sql.ref(c)));
      const sets = sql.join([
        ...cols.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`),
        sql`updated_at = ${now}`,
        sql`version = ${t}.version + 1`,
      ]);
      const res = await sql`WITH v(${names}) AS (VALUES ${values})
        UPDATE ${t} SET ${sets} FROM v WHERE ${t}.id = v.id AND ${t}.version = v.version`.execute(tx);
      if (Number(res.numAffectedRows ?? 0n) !== chunk.length) throw new StaleImport(`${table}: a row changed since the check`);
    }
  }
}
