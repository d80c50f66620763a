import { PostgresAdapter } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { unlockAccount } from '../auth/throttle';
import type { UserRow } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import type { Role } from '../../contracts/common';
import type { User } from '../../contracts/users';
import { audit, nowIso } from '../audit/audit.service';
import { parseRoles, requirePermission, type Actor } from '../auth/actor';
import { checkPasswordStrength, hashPassword, randomToken, sha256 } from '../auth/auth.service';

export const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  roles: parseRoles(r.role),
  unitCode: r.unit_code,
  active: !!r.active,
  version: r.version,
  createdAt: r.created_at,
});

const UNIT_ROLES: Role[] = ['reporter', 'unit_head'];

async function checkUnit(tx: Tx, roles: Role[], unitCode: string | null | undefined) {
  if (roles.some((r) => UNIT_ROLES.includes(r)) && !unitCode) {
    throw new AppError('validation', '单位填报员和单位负责人必须指定所属单位', { unitCode: '请选择所属单位' });
  }
  if (unitCode) {
    const u = await tx.selectFrom('units').select('code').where('code', '=', unitCode).executeTakeFirst();
    if (!u) throw new AppError('validation', `单位 ${unitCode} 不存在`, { unitCode: '单位不存在' });
  }
}

export async function listUsers(db: Tx, actor: Actor): Promise<User[]> {
  requirePermission(actor, 'user.manage');
  return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
}

export async function createUser(
  tx: Tx,
  actor: Actor,
  input: { username: string; displayName: string; password: string; roles: Role[]; unitCode?: string | null },
  opts: { skipPermission?: boolean; fixedDemoPassword?: boolean } = {},
): Promise<User> {
  if (!opts.skipPermission) requirePermission(actor, 'user.manage');
  await checkUnit(tx, input.roles, input.unitCode);
  // The demo's fixed password (demo1234) is the one exception, and only when the person asked for it.
  const weak = opts.fixedDemoPassword ? null : checkPasswordStrength(input.password, [input.username, input.displayName]);
  if (weak) throw new AppError('validation', weak, { password: weak });
  const dup = await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (dup) throw new AppError('conflict', `用户名 ${input.username} 已被使用`, { username: '用户名已被使用' });
  const t = nowIso();
  const row = await tx
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      role: [...new Set(input.roles)].join(','),
      unit_code: input.unitCode ?? null,
      created_at: t,
      updated_at: t,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const user = toUser(row);
  await audit(tx, actor, { action: 'create', entity: 'user', entityId: user.id, unitCode: user.unitCode, after: user });
  return user;
}

export async function updateUser(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { displayName?: string; roles?: Role[]; unitCode?: string | null; active?: boolean; password?: string; version: number },
): Promise<User> {
  requirePermission(actor, 'user.manage');
  const row = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '用户不存在');
  const before = toUser(row);
  const roles = input.roles ?? before.roles;
  const unitCode = input.unitCode !== undefined ? input.unitCode : before.unitCode;
  await checkUnit(tx, roles, unitCode);
  if (actor.userId === id && input.active === false) throw new AppError('validation', '不能停用自己的账号');
  if (before.active && before.roles.includes('admin') && (input.active === false || !roles.includes('admin'))) {
    await assertAnotherAdmin(tx, id);
  }
  const patch: Record<string, unknown> = { role: roles.join(','), unit_code: unitCode };
  if (input.displayName !== undefined) patch.display_name = input.displayName;
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  if (input.password) {
    const weak = checkPasswordStrength(input.password, [before.username, before.displayName]);
    if (weak) throw new AppError('validation', weak, { password: weak });
    patch.password_hash = await hashPassword(input.password);
  }
  await updateVersioned(tx, 'users', id, input.version, patch, `用户 ${before.username}`);
  if (input.active === false || input.password) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
  const after = toUser(await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  await audit(tx, actor, { action: 'update', entity: 'user', entityId: id, before, after: { ...after, passwordReset: !!input.password } });
  return after;
}

/**
 * The last active administrator cannot be deactivated or lose the admin role: nobody could manage users
 * any more. The other admins' rows are locked first on PostgreSQL, so two admins demoting each other at
 * once cannot both pass (SQLite runs one write transaction at a time).
 */
async function assertAnotherAdmin(tx: Tx, exceptId: number): Promise<void> {
  let q = tx
    .selectFrom('users')
    .select(['id', 'role'])
    .where('active', '=', 1)
    .where('id', '<>', exceptId)
    .where('role', 'like', '%admin%');
  if (tx.getExecutor().adapter instanceof PostgresAdapter) q = q.forUpdate();
  const others = (await q.execute()).filter((u) => parseRoles(u.role).includes('admin'));
  if (others.length === 0) {
    throw new AppError('conflict', '这是最后一个在用的系统管理员，不能停用或取消其管理员角色；请先为另一位用户授予系统管理员角色');
  }
}

/** Admin unlock: the account's login delays (every address) and the lockouts of the addresses it was tried from. */
export async function unlockUser(db: Db, actor: Actor, id: number) {
  requirePermission(actor, 'user.manage');
  const u = await db.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
  if (!u) throw new AppError('not_found', '用户不存在');
  const r = await unlockAccount(db, u.username);
  await db.transaction().execute((tx) =>
    audit(tx, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      summary: `解除登录限制：账号 ${r.accounts} 条、网络地址 ${r.addresses} 条`,
    }),
  );
  return r;
}

export async function listTokens(db: Tx, actor: Actor) {
  requirePermission(actor, 'token.manage');
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role as Role,
    unitCode: r.unit_code,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function createToken(tx: Tx, actor: Actor, input: { name: string; role: Role; unitCode?: string | null }) {
  requirePermission(actor, 'token.manage');
  await checkUnit(tx, [input.role], input.unitCode);
  const token = `zs_${randomToken(30)}`;
  const row = await tx
    .insertInto('api_tokens')
    .values({
      name: input.name,
      token_hash: sha256(token),
      role: input.role,
      unit_code: input.unitCode ?? null,
      created_by: actor.userId,
      created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(tx, actor, {
    action: 'create',
    entity: 'api_token',
    entityId: row.id,
    unitCode: row.unit_code,
    after: { name: row.name, role: row.role, unitCode: row.unit_code },
  });
  return { id: row.id, token };
}

export async function revokeToken(tx: Tx, actor: Actor, id: number) {
  requirePermission(actor, 'token.manage');
  const row = await tx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'API令牌不存在');
  if (row.revoked_at) return;
  await tx.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
  await audit(tx, actor, { action: 'revoke', entity: 'api_token', entityId: id, summary: row.name });
}
