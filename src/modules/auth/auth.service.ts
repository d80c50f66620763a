import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Db, Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import type { Role } from '../../contracts/common';
import { audit, nowIso } from '../audit/audit.service';
import { makeActor, parseRoles, type Actor } from './actor';

export const SESSION_COOKIE = 'zs_session';
const THROTTLE_WINDOW_MIN = 15;
const MAX_FAILS_PER_ACCOUNT = 5;
const MAX_FAILS_PER_ADDRESS = 20;

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

export async function hashPassword(pw: string): Promise<string> {
  return argon2.hash(pw, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export function checkPasswordStrength(pw: string): string | null {
  if (pw.length < 8) return '密码至少8位';
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return '密码需同时包含字母和数字';
  return null;
}

export async function actorForUserId(db: Tx, userId: number): Promise<Actor | null> {
  const u = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!u || !u.active) return null;
  return makeActor({ userId: u.id, name: u.display_name, roles: parseRoles(u.role), unitCode: u.unit_code, via: 'session' });
}

async function throttled(db: Db, keys: string[]): Promise<boolean> {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MIN * 60_000).toISOString();
  for (const key of keys) {
    const r = await db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key).where('at', '>', since).executeTakeFirstOrThrow();
    const limit = key.startsWith('user:') ? MAX_FAILS_PER_ACCOUNT : MAX_FAILS_PER_ADDRESS;
    if (Number(r.n) >= limit) return true;
  }
  return false;
}

export async function login(db: Db, username: string, password: string, ip: string, userAgent: string | null, sessionHours: number) {
  const keys = [`user:${username.toLowerCase()}`, `ip:${ip}`];
  if (await throttled(db, keys)) {
    throw new AppError('rate_limited', `登录失败次数过多，请${THROTTLE_WINDOW_MIN}分钟后再试，或联系管理员重置密码`);
  }
  const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = u && u.active ? await argon2.verify(u.password_hash, password).catch(() => false) : false;
  if (!u || !ok) {
    await db.insertInto('login_attempts').values(keys.map((key) => ({ key, at: nowIso() }))).execute();
    throw new AppError('unauthenticated', '用户名或密码不正确');
  }
  await db.deleteFrom('login_attempts').where('key', '=', keys[0]!).execute();
  const token = randomToken();
  const csrf = randomToken(24);
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('sessions').values({
      id_hash: sha256(token), user_id: u.id, csrf_token: csrf, created_at: nowIso(),
      expires_at: new Date(Date.now() + sessionHours * 3600_000).toISOString(), ip, user_agent: userAgent?.slice(0, 300) ?? null,
    }).execute();
    const actor = makeActor({ userId: u.id, name: u.display_name, roles: parseRoles(u.role), unitCode: u.unit_code, via: 'session' });
    await audit(tx, actor, { action: 'login', entity: 'user', entityId: u.id, summary: `登录 ${ip}` });
  });
  return { token, csrf };
}

export async function sessionActor(db: Db, token: string): Promise<{ actor: Actor; csrf: string } | null> {
  const s = await db.selectFrom('sessions').selectAll().where('id_hash', '=', sha256(token)).executeTakeFirst();
  if (!s || s.expires_at < nowIso()) return null;
  const actor = await actorForUserId(db, s.user_id);
  return actor ? { actor, csrf: s.csrf_token } : null;
}

export async function logout(db: Db, token: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
    await audit(tx, actor, { action: 'logout', entity: 'user', entityId: actor.userId });
  });
}

export async function tokenActor(db: Db, token: string): Promise<Actor | null> {
  const t = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!t || t.revoked_at) return null;
  // One write a minute at most, not one per request.
  if (!t.last_used_at || Date.now() - Date.parse(t.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', t.id).execute();
  }
  return makeActor({ userId: t.created_by, name: `API令牌:${t.name}`, roles: [t.role as Role], unitCode: t.unit_code, via: 'token' });
}

export async function changePassword(db: Db, actor: Actor, current: string, next: string): Promise<void> {
  if (actor.userId === null) throw new AppError('forbidden', '只有登录用户可以修改密码');
  const u = await db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await argon2.verify(u.password_hash, current).catch(() => false))) {
    throw new AppError('validation', '当前密码不正确', { currentPassword: '当前密码不正确' });
  }
  const weak = checkPasswordStrength(next);
  if (weak) throw new AppError('validation', weak, { newPassword: weak });
  const hash = await hashPassword(next);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, updated_at: nowIso(), version: (eb) => eb('version', '+', 1) }).where('id', '=', u.id).execute();
    await audit(tx, actor, { action: 'password', entity: 'user', entityId: u.id, summary: '修改密码' });
  });
}
