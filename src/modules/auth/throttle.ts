// Login throttling that slows an attacker without locking the owner out.
// - Per (address, account): after a few failures each next try waits longer (2 s, 4 s, 8 s … 15 min).
//   The owner signing in from another address is not slowed by failures elsewhere.
// - Per address: 20 failures in 15 minutes block that address only (the only lockout).
// Every attempt is counted BEFORE its password is checked, by a single atomic statement whose result
// decides; so 30 concurrent wrong passwords cannot all be checked against a limit.
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { AppError } from '../../domain/errors';

export const ADDRESS_WINDOW_MIN = 15;
export const MAX_FAILS_PER_ADDRESS = 20;
const FREE_TRIES = 3;
const MAX_DELAY_S = 15 * 60;

/** Seconds to wait after the n-th failure of one account from one address. */
export function delayAfter(fails: number): number {
  if (fails < FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (fails - FREE_TRIES + 1));
}

const iso = (ms: number) => new Date(ms).toISOString();
const acctKey = (ip: string, username: string) => `acct:${ip}|${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Takes one attempt for (ip, username), or throws 429. Returns a function to call with the outcome.
 * The account row works as a compare-and-swap: only the request that moves `fails` from the value it read
 * may check a password, and only once `next_at` has passed.
 */
export async function takeAttempt(db: Db, ip: string, username: string): Promise<(ok: boolean) => Promise<void>> {
  const now = Date.now();
  const since = iso(now - ADDRESS_WINDOW_MIN * 60_000);
  // The address counter: incremented atomically, the returned count decides.
  const addr = await db
    .insertInto('login_throttle')
    .values({ key: ipKey(ip), kind: 'ip', ip, username: null, fails: 1, window_start: iso(now), next_at: iso(0) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        fails: sql<number>`CASE WHEN login_throttle.window_start < ${since} THEN 1 ELSE login_throttle.fails + 1 END`,
        window_start: sql<string>`CASE WHEN login_throttle.window_start < ${since} THEN ${iso(now)} ELSE login_throttle.window_start END`,
      }),
    )
    .returning(['fails', 'window_start'])
    .executeTakeFirstOrThrow();
  if (Number(addr.fails) > MAX_FAILS_PER_ADDRESS) {
    const mins = Math.max(1, Math.ceil((Date.parse(addr.window_start) + ADDRESS_WINDOW_MIN * 60_000 - now) / 60_000));
    throw new AppError('rate_limited', `此网络地址登录失败次数过多，请${mins}分钟后再试；如急需登录，请联系系统管理员解除限制`);
  }
  const releaseAddress = () =>
    db.updateTable('login_throttle').set({ fails: sql`fails - 1` }).where('key', '=', ipKey(ip)).where('fails', '>', 0).execute();

  const key = acctKey(ip, username);
  await db
    .insertInto('login_throttle')
    .values({ key, kind: 'acct', ip, username: username.toLowerCase(), fails: 0, window_start: iso(now), next_at: iso(0) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('login_throttle').select(['fails', 'next_at']).where('key', '=', key).executeTakeFirstOrThrow();
  const fails = Number(row.fails);
  const wait = Math.ceil((Date.parse(row.next_at) - now) / 1000);
  if (wait > 0) {
    await releaseAddress();
    throw new AppError('rate_limited', `密码错误次数较多，请${wait}秒后再试（其他设备和网络不受影响）`, undefined, {
      retryAfterSeconds: wait,
    });
  }
  // Claim this slot: the next try is reserved as if this one failed; success resets the row.
  const claimed = await db
    .updateTable('login_throttle')
    .set({ fails: fails + 1, next_at: iso(now + delayAfter(fails + 1) * 1000) })
    .where('key', '=', key)
    .where('fails', '=', fails)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) {
    await releaseAddress();
    throw new AppError('rate_limited', '同一账号的登录请求过于频繁，请稍后再试', undefined, { retryAfterSeconds: 1 });
  }
  return async (ok) => {
    if (!ok) return;
    await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    await releaseAddress();
  };
}

/** Admin unlock: clears the delays of one account (every address) and the lockouts of the addresses it was tried from. */
export async function unlockAccount(db: Db, username: string): Promise<{ accounts: number; addresses: number }> {
  const name = username.toLowerCase();
  return db.transaction().execute(async (tx) => {
    const ips = (await tx.selectFrom('login_throttle').select('ip').where('kind', '=', 'acct').where('username', '=', name).execute()).map(
      (r) => r.ip,
    );
    const a = await tx.deleteFrom('login_throttle').where('kind', '=', 'acct').where('username', '=', name).executeTakeFirst();
    let addresses = 0;
    if (ips.length) {
      const b = await tx.deleteFrom('login_throttle').where('kind', '=', 'ip').where('ip', 'in', ips).executeTakeFirst();
      addresses = Number(b.numDeletedRows);
    }
    return { accounts: Number(a.numDeletedRows), addresses };
  });
}

/** Housekeeping: rows idle for a day are forgotten. */
export async function pruneThrottle(db: Db): Promise<void> {
  const day = iso(Date.now() - 86400_000);
  await db.deleteFrom('login_throttle').where('window_start', '<', day).where('next_at', '<', day).execute();
}
