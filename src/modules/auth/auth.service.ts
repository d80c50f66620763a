import crypto from 'node:crypto';
import argon2 from 'argon2';
import { authCacheOf, type Db, type Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import type { Role } from '../../contracts/common';
import { audit, nowIso } from '../audit/audit.service';
import { makeActor, parseRoles, type Actor } from './actor';
import { checkPasswordStrength } from './password-policy';
import { permissionsOf } from './permissions';
import { takeAttempt } from './throttle';

export const SESSION_COOKIE = 'zs_session';
export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

export async function hashPassword(pw: string): Promise<string> {
  return argon2.hash(pw, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export { checkPasswordStrength } from './password-policy';

export async function actorForUserId(db: Tx, userId: number): Promise<Actor | null> {
  const u = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!u || !u.active) return null;
  return makeActor({ userId: u.id, name: u.display_name, roles: parseRoles(u.role), unitCode: u.unit_code, via: 'session' });
}

// A real argon2id hash of a random password: verifying against it when the user does not exist costs the
// same as a real check, so response time does not tell whether a user name exists.
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword(randomToken(16)));

export const LOGIN_USERNAME_MAX = 64;
export const LOGIN_PASSWORD_MAX = 200;

export async function login(db: Db, username: string, password: string, ip: string, userAgent: string | null, sessionHours: number) {
  if (username.length > LOGIN_USERNAME_MAX || password.length > LOGIN_PASSWORD_MAX) {
    throw new AppError('validation', '用户名或密码过长');
  }
  const done = await takeAttempt(db, ip, username);
  const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const verified = await argon2.verify(u ? u.password_hash : await dummy(), password).catch(() => false);
  const ok = !!u && !!u.active && verified;
  await done(ok);
  if (!u || !ok) throw new AppError('unauthenticated', '用户名或密码不正确');
  const token = randomToken();
  const csrf = randomToken(24);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('sessions')
      .values({
        id_hash: sha256(token),
        user_id: u.id,
        csrf_token: csrf,
        created_at: nowIso(),
        expires_at: new Date(Date.now() + sessionHours * 3600_000).toISOString(),
        ip,
        user_agent: userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    const actor = makeActor({ userId: u.id, name: u.display_name, roles: parseRoles(u.role), unitCode: u.unit_code, via: 'session' });
    await audit(tx, actor, { action: 'login', entity: 'user', entityId: u.id, summary: `登录 ${ip}` });
  });
  return { token, csrf };
}

export type SessionInfo = { actor: Actor; csrf: string; username: string; unitName: string | null };

/** Who a session cookie belongs to: one query (session, user, unit), then a few seconds from memory. */
export async function sessionActor(db: Db, token: string): Promise<SessionInfo | null> {
  const key = `s:${sha256(token)}`;
  const cache = authCacheOf(db);
  const hit = cache?.get<SessionInfo>(key);
  if (hit) return hit;
  const gen = cache?.generation() ?? 0;
  const s = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('units as n', 'n.code', 'u.unit_code')
    .select([
      's.csrf_token',
      's.expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.unit_code',
      'u.active',
      'n.name as unit_name',
    ])
    .where('s.id_hash', '=', key.slice(2))
    .executeTakeFirst();
  if (!s || s.expires_at < nowIso() || !s.active) return null;
  const actor = makeActor({ userId: s.id, name: s.display_name, roles: parseRoles(s.role), unitCode: s.unit_code, via: 'session' });
  const found = { actor, csrf: s.csrf_token, username: s.username, unitName: s.unit_name ?? null };
  cache?.set(key, found, gen, Date.parse(s.expires_at));
  return found;
}

export async function logout(db: Db, token: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
    await audit(tx, actor, { action: 'logout', entity: 'user', entityId: actor.userId });
  });
  // Once more after the commit: a request that read the session between the delete and the commit kept it.
  authCacheOf(db)?.clear();
}

/**
 * A token acts as itself, not as its creator: userId stays null (no access to the creator's own data such as
 * saved filters) and the audit names the token. It holds only while its creator still could have made it:
 * creator active and still allowed to manage tokens (an admin token also needs a creator who is admin).
 */
export async function tokenActor(db: Db, token: string): Promise<Actor | null> {
  const key = `t:${sha256(token)}`;
  const cache = authCacheOf(db);
  const hit = cache?.get<Actor>(key);
  if (hit) return hit;
  const gen = cache?.generation() ?? 0;
  const t = await db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.unit_code',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.active as creator_active',
      'users.role as creator_role',
      'users.display_name as creator_name',
    ])
    .where('api_tokens.token_hash', '=', key.slice(2))
    .executeTakeFirst();
  if (!t || t.revoked_at) return null;
  if (!tokenCreatorHolds(t.creator_active, t.creator_role, t.role as Role)) return null;
  // One write a minute at most, not one per request.
  if (!t.last_used_at || Date.now() - Date.parse(t.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', t.id).execute();
  }
  const name = `令牌「${t.name}」（创建人 ${t.creator_name ?? '已删除用户'}）`.slice(0, 100);
  const actor = makeActor({ userId: null, tokenId: t.id, name, roles: [t.role as Role], unitCode: t.unit_code, via: 'token' });
  cache?.set(key, actor, gen);
  return actor;
}

/** Whether a token's creator, as they are now, could still issue it. */
export function tokenCreatorHolds(active: number | null | undefined, creatorRoles: string | null | undefined, tokenRole: Role): boolean {
  if (!active || !creatorRoles) return false;
  const roles = parseRoles(creatorRoles);
  if (!permissionsOf(roles).has('token.manage')) return false;
  return tokenRole !== 'admin' || roles.includes('admin');
}

/** Changing the password ends every other session of the user (a stolen cookie stops working); this one stays. */
export async function changePassword(db: Db, actor: Actor, current: string, next: string, currentSessionToken?: string): Promise<void> {
  if (actor.userId === null) throw new AppError('forbidden', '只有登录用户可以修改密码');
  const u = await db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await argon2.verify(u.password_hash, current).catch(() => false))) {
    throw new AppError('validation', '当前密码不正确', { currentPassword: '当前密码不正确' });
  }
  const weak = checkPasswordStrength(next, [u.username, u.display_name]);
  if (weak) throw new AppError('validation', weak, { newPassword: weak });
  const hash = await hashPassword(next);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: nowIso(), version: (eb) => eb('version', '+', 1) })
      .where('id', '=', u.id)
      .execute();
    let others = tx.deleteFrom('sessions').where('user_id', '=', u.id);
    if (currentSessionToken) others = others.where('id_hash', '<>', sha256(currentSessionToken));
    const ended = await others.executeTakeFirst();
    await audit(tx, actor, {
      action: 'password',
      entity: 'user',
      entityId: u.id,
      summary: `修改密码，结束其他会话 ${Number(ended.numDeletedRows)} 个`,
    });
  });
  authCacheOf(db)?.clear();
}
