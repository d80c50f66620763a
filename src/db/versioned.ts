// Optimistic concurrency: an update names the version it was based on; a stale one is refused (409).
import { AppError } from '../domain/errors';
import type { Tx } from './database';
import type { DB } from './schema';
import { nowIso } from './clock';

type VersionedTable = {
  [K in keyof DB]: DB[K] extends { version: unknown; id: unknown; updated_at: string } ? K : never;
}[keyof DB];

export async function updateVersioned<T extends VersionedTable>(
  tx: Tx,
  table: T,
  id: number,
  expectedVersion: number,
  patch: Record<string, unknown>,
  what: string,
): Promise<void> {
  const t = table as 'projects';
  const res = await tx
    .updateTable(t)
    .set({ ...(patch as object), version: (eb: any) => eb('version', '+', 1), updated_at: nowIso() } as any)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return;
  const exists = await tx.selectFrom(t).select('version').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new AppError('not_found', `${what}不存在或已被删除`);
  throw new AppError(
    'stale',
    `${what}已被他人修改（当前版本 ${exists.version}，您编辑的是版本 ${expectedVersion}），请刷新后重新编辑`,
    undefined,
    { currentVersion: exists.version },
  );
}
