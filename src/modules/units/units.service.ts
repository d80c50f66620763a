import type { Tx } from '../../db/database';
import type { UnitRow } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import type { Unit, UnitKind } from '../../contracts/units';
import { audit, nowIso } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { requirePermission } from '../auth/actor';

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind as UnitKind,
  sort: r.sort,
  active: !!r.active,
  isDemo: !!r.is_demo,
  version: r.version,
});

const KIND_ORDER: Record<string, number> = { city: 0, county: 1, zone: 2, department: 3 };

export async function listUnits(db: Tx): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().execute();
  return rows.map(toUnit).sort((a, b) => KIND_ORDER[a.kind]! - KIND_ORDER[b.kind]! || a.sort - b.sort || a.code.localeCompare(b.code));
}

export async function getUnit(db: Tx, code: string): Promise<Unit> {
  const r = await db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
  if (!r) throw new AppError('not_found', `单位 ${code} 不存在`);
  return toUnit(r);
}

export async function createUnit(
  tx: Tx,
  actor: Actor,
  input: { code: string; name: string; kind: UnitKind; sort?: number; isDemo?: boolean },
): Promise<Unit> {
  requirePermission(actor, 'unit.write');
  const dup = await tx.selectFrom('units').select('id').where('code', '=', input.code).executeTakeFirst();
  if (dup) throw new AppError('conflict', `单位代码 ${input.code} 已存在`, { code: '单位代码已存在' });
  if (input.kind === 'city') {
    const city = await tx.selectFrom('units').select('code').where('kind', '=', 'city').executeTakeFirst();
    if (city) throw new AppError('conflict', `已有“市”级单位（${city.code}），每个系统只能有一个`, { kind: '已有市级单位' });
  }
  const t = nowIso();
  const row = await tx
    .insertInto('units')
    .values({
      code: input.code,
      name: input.name,
      kind: input.kind,
      sort: input.sort ?? 0,
      is_demo: input.isDemo ? 1 : 0,
      created_at: t,
      updated_at: t,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const unit = toUnit(row);
  await audit(tx, actor, { action: 'create', entity: 'unit', entityId: unit.code, unitCode: unit.code, after: unit });
  return unit;
}

export async function updateUnit(
  tx: Tx,
  actor: Actor,
  code: string,
  input: { name?: string; kind?: UnitKind; sort?: number; active?: boolean; version: number },
): Promise<Unit> {
  requirePermission(actor, 'unit.write');
  const before = await getUnit(tx, code);
  if (input.kind && input.kind !== before.kind && (input.kind === 'city' || before.kind === 'city')) {
    throw new AppError('validation', '“市”级单位的类型不能修改', { kind: '不能修改' });
  }
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.sort !== undefined) patch.sort = input.sort;
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  await updateVersioned(tx, 'units', before.id, input.version, patch, `单位 ${before.name}`);
  const after = await getUnit(tx, code);
  await audit(tx, actor, { action: 'update', entity: 'unit', entityId: code, unitCode: code, before, after });
  return after;
}
