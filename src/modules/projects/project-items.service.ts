// What hangs off a project: follow-ups, blockers, commitments, approval items. They share one
// shape (project_id, version, timestamps), so one set of functions serves all four; every access
// first fetches the project through the unit scope, so another unit's items are "not found".
import type { Tx } from '../../db/database';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import { isValidDate, todayIso } from '../../domain/period';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { getProjectInScope } from './projects.service';
import { assertProjectWritable } from '../auth/scope';

export type ItemTable = 'follow_ups' | 'blockers' | 'commitments' | 'approval_items';

export interface ItemKind {
  table: ItemTable;
  entity: string;
  label: string;
  /** default order of the list */
  orderBy: string;
  /** fills derived columns (e.g. resolved_on) from the row after the patch */
  derive?: (row: Record<string, unknown>, patch: Record<string, unknown>, actor: Actor) => void;
  /** runs after any write, in the same transaction */
  after?: (tx: Tx, projectId: number) => Promise<void>;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export function rowToApi(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r))
    out[camel(k)] = k === 'id' || k === 'project_id' || k === 'created_by' ? (v === null ? null : Number(v)) : v;
  return out;
}

function inputToRow(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'version' || v === undefined) continue;
    if (typeof v === 'string' && /(Date|On|^date)$/.test(k) && v !== '' && !isValidDate(v)) fields[k] = `“${v}”不是有效日期`;
    out[snake(k)] = v === '' ? null : v;
  }
  if (Object.keys(fields).length) throw new AppError('validation', `日期有误：${Object.values(fields).join('；')}`, fields);
  return out;
}

/** Keeps projects.last_follow_up_on equal to the latest follow-up date (no version bump: it is derived). */
async function refreshLastFollowUp(tx: Tx, projectId: number): Promise<void> {
  const r = await tx
    .selectFrom('follow_ups')
    .select((eb) => eb.fn.max('date').as('d'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  await tx
    .updateTable('projects')
    .set({ last_follow_up_on: (r?.d as string | null | undefined) ?? null })
    .where('id', '=', projectId)
    .execute();
}

export const FOLLOW_UPS: ItemKind = {
  table: 'follow_ups',
  entity: 'follow_up',
  label: '跟进记录',
  orderBy: 'date',
  derive: (_row, patch, actor) => {
    if (!('created_by' in patch)) patch.created_by = actor.userId;
  },
  after: refreshLastFollowUp,
};
export const BLOCKERS: ItemKind = {
  table: 'blockers',
  entity: 'blocker',
  label: '困难问题',
  orderBy: 'created_at',
  derive: (row, patch) => {
    const status = (patch.status ?? row.status ?? 'open') as string;
    patch.status = status;
    if (status === 'resolved' && !(patch.resolved_on ?? row.resolved_on)) patch.resolved_on = todayIso();
    if (status === 'open' && patch.status !== row.status) patch.resolved_on = null;
  },
};
export const COMMITMENTS: ItemKind = {
  table: 'commitments',
  entity: 'commitment',
  label: '承诺事项',
  orderBy: 'created_at',
  derive: (row, patch) => {
    const status = (patch.status ?? row.status ?? 'pending') as string;
    patch.status = status;
    if (status === 'fulfilled' && !(patch.fulfilled_on ?? row.fulfilled_on)) patch.fulfilled_on = todayIso();
    if (status === 'pending' && patch.status !== row.status) patch.fulfilled_on = null;
  },
};
export const APPROVAL_ITEMS: ItemKind = {
  table: 'approval_items',
  entity: 'approval_item',
  label: '审批事项',
  orderBy: 'created_at',
  derive: (row, patch) => {
    patch.status = patch.status ?? row.status ?? 'pending';
  },
};

export async function listItems(db: Tx, actor: Actor, kind: ItemKind, projectId: number): Promise<Record<string, unknown>[]> {
  await getProjectInScope(db, actor, projectId);
  const rows = await (db as Tx)
    .selectFrom(kind.table as 'blockers')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy(kind.orderBy as 'created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => rowToApi(r as unknown as Record<string, unknown>));
}

async function getItem(db: Tx, kind: ItemKind, projectId: number, itemId: number): Promise<Record<string, unknown>> {
  const r = await db
    .selectFrom(kind.table as 'blockers')
    .selectAll()
    .where('id', '=', itemId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  if (!r) throw new AppError('not_found', `${kind.label}不存在或无权查看`);
  return r as unknown as Record<string, unknown>;
}

export async function createItem(
  tx: Tx,
  actor: Actor,
  kind: ItemKind,
  projectId: number,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  requirePermission(actor, 'project.write');
  const p = await getProjectInScope(tx, actor, projectId);
  assertProjectWritable(actor, p, kind.entity);
  const patch = inputToRow(input);
  kind.derive?.({}, patch, actor);
  const t = nowIso();
  const row = await tx
    .insertInto(kind.table as 'blockers')
    .values({ ...patch, project_id: projectId, created_at: t, updated_at: t } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  await kind.after?.(tx, projectId);
  const item = rowToApi(row as unknown as Record<string, unknown>);
  await audit(tx, actor, {
    action: 'create',
    entity: kind.entity,
    entityId: item.id as number,
    unitCode: p.unitCode,
    summary: `${p.code} 新增${kind.label}`,
    after: item,
  });
  return item;
}

export async function updateItem(
  tx: Tx,
  actor: Actor,
  kind: ItemKind,
  projectId: number,
  itemId: number,
  input: Record<string, unknown> & { version: number },
): Promise<Record<string, unknown>> {
  requirePermission(actor, 'project.write');
  const p = await getProjectInScope(tx, actor, projectId);
  assertProjectWritable(actor, p, kind.entity);
  const beforeRow = await getItem(tx, kind, projectId, itemId);
  const patch = inputToRow(input);
  kind.derive?.(beforeRow, patch, actor);
  delete patch.created_by;
  await updateVersioned(tx, kind.table, itemId, input.version, patch, kind.label);
  await kind.after?.(tx, projectId);
  const before = rowToApi(beforeRow);
  const after = rowToApi(await getItem(tx, kind, projectId, itemId));
  await audit(tx, actor, {
    action: 'update',
    entity: kind.entity,
    entityId: itemId,
    unitCode: p.unitCode,
    summary: `${p.code} 修改${kind.label}`,
    before,
    after,
  });
  return after;
}

export async function deleteItem(tx: Tx, actor: Actor, kind: ItemKind, projectId: number, itemId: number, version?: number): Promise<void> {
  requirePermission(actor, 'project.write');
  const p = await getProjectInScope(tx, actor, projectId);
  assertProjectWritable(actor, p, kind.entity);
  const beforeRow = await getItem(tx, kind, projectId, itemId);
  if (version !== undefined && Number(beforeRow.version) !== version) {
    throw new AppError('stale', `${kind.label}已被他人修改（当前版本 ${String(beforeRow.version)}），请刷新后再删除`, undefined, {
      currentVersion: beforeRow.version,
    });
  }
  await tx
    .deleteFrom(kind.table as 'blockers')
    .where('id', '=', itemId)
    .execute();
  await kind.after?.(tx, projectId);
  await audit(tx, actor, {
    action: 'delete',
    entity: kind.entity,
    entityId: itemId,
    unitCode: p.unitCode,
    summary: `${p.code} 删除${kind.label}`,
    before: rowToApi(beforeRow),
  });
}
