// Two short-lived caches per database handle (issue [H]), emptied by the changes that could make them wrong:
// - the auth cache: who a session cookie or an API token belongs to, so that a request does not read its
//   session and user from the database every time (the authenticated floor);
// - the figures cache: the dashboard's statistics of an open month (dispatch, monthly, breakdown), emptied
//   by any write to the business tables (figures are never stale: a change empties it at once).
//
// Revocation is not weakened. The cache is emptied whenever anything that can end or narrow a sign-in
// changes — a session deleted (logout, password change), a user's roles, unit, password or active flag,
// a token revoked, a unit renamed:
// - by this process: a Kysely plugin sees every UPDATE/DELETE of those tables as it runs;
// - by another instance or process on PostgreSQL: triggers (migration 017_auth_notify) NOTIFY 'zs_auth', which a
//   listening connection of every instance hears; while that connection is down the cache is off;
// - by another process on SQLite (the CLI): PRAGMA data_version changes, checked on every lookup.
// The figures cache follows the same three paths with 'zs_data' (migration 018_data_notify) and any
// INSERT/UPDATE/DELETE of a table that is not in NOT_FIGURES.
// A generation counter keeps a lookup that started before a change from storing what it read.
// Entries also expire after AUTH_CACHE_MS (default 5 s) and never outlive their session; figures after FIGURES_CACHE_MS.
import pg from 'pg';
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  AliasNode,
  DeleteQueryNode,
  InsertQueryNode,
  RawNode,
  TableNode,
  UpdateQueryNode,
} from 'kysely';

/** Tables whose changes can end or narrow a sign-in. */
const WATCHED = new Set(['sessions', 'users', 'api_tokens', 'units']);
/** A token's last-use stamp is written once a minute; it changes nobody's rights. */
const HARMLESS_UPDATES: Record<string, Set<string>> = { api_tokens: new Set(['last_used_at']) };
const MAX_ENTRIES = 20_000;
/** Tables no statistic reads: writing them leaves the figures cache alone. */
export const NOT_FIGURES = new Set([
  'sessions',
  'users',
  'api_tokens',
  'audit_log',
  'login_attempts',
  'login_throttle',
  'job_locks',
  'job_runs',
  'notifications',
  'webhook_deliveries',
  'webhooks',
  'documents',
  'saved_filters',
  'inquiries',
  'commitment_links',
  'attachments',
]);

type Entry<T> = { value: T; until: number };

/** A map with a time limit per entry, emptied as a whole by a change (see the top of this file). */
export class ChangeCache {
  private readonly map = new Map<string, Entry<unknown>>();
  private gen = 0;
  /** Whether lookups may be answered from memory (PostgreSQL: only while the listener is connected). */
  enabled: boolean;
  /** Called before every lookup; SQLite checks PRAGMA data_version there. */
  beforeLookup: () => void = () => {};

  constructor(
    readonly ttlMs: number,
    enabled: boolean,
  ) {
    this.enabled = enabled && ttlMs > 0;
  }

  generation(): number {
    return this.gen;
  }

  get<T>(key: string): T | undefined {
    if (!this.enabled) return undefined;
    this.beforeLookup();
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.until <= Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e.value as T;
  }

  /** Stores what a lookup read, unless something changed since the lookup began (`gen` taken before it). */
  set<T>(key: string, value: T, gen: number, notAfterMs = Number.POSITIVE_INFINITY): void {
    if (!this.enabled || gen !== this.gen) return;
    if (this.map.size >= MAX_ENTRIES) this.map.clear();
    this.map.set(key, { value, until: Math.min(Date.now() + this.ttlMs, notAfterMs) });
  }

  private readonly pending = new Map<string, { gen: number; promise: Promise<unknown> }>();

  /**
   * The cached value of `key`, else one computation shared by every caller that asks while it runs (a
   * slow figure asked by many at once is computed once), kept unless something changed meanwhile.
   */
  async remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.get<T>(key);
    if (hit !== undefined) return hit;
    if (!this.enabled) return compute();
    const gen = this.gen;
    const running = this.pending.get(key);
    if (running && running.gen === gen) return running.promise as Promise<T>;
    const promise: Promise<T> = compute()
      .then((value) => {
        this.set(key, value, gen);
        return value;
      })
      .finally(() => {
        if (this.pending.get(key)?.promise === promise) this.pending.delete(key);
      });
    this.pending.set(key, { gen, promise });
    return promise;
  }

  clear(): void {
    this.gen++;
    this.map.clear();
  }

  setEnabled(on: boolean): void {
    this.enabled = on && this.ttlMs > 0;
    this.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

function tableName(node: unknown): string | null {
  const n = AliasNode.is(node as never) ? (node as AliasNode).node : node;
  return TableNode.is(n as never) ? (n as TableNode).table.identifier.name : null;
}

/** Which watched table a statement changes, if any. */
export function changedAuthTable(node: RootOperationNode): string | null {
  if (UpdateQueryNode.is(node)) {
    const t = node.table ? tableName(node.table) : null;
    if (!t || !WATCHED.has(t)) return null;
    const harmless = HARMLESS_UPDATES[t];
    const cols = (node.updates ?? []).map((u) => (u.column as { column?: { name?: string } }).column?.name ?? '');
    if (harmless && cols.length > 0 && cols.every((c) => harmless.has(c))) return null;
    return t;
  }
  if (RawNode.is(node)) {
    // Hand-written SQL (sql`…`): recognised by its text.
    const m = /\b(?:update|delete\s+from|truncate(?:\s+table)?)\s+"?(sessions|users|api_tokens|units)\b/i.exec(node.sqlFragments.join('?'));
    return m ? m[1]!.toLowerCase() : null;
  }
  if (DeleteQueryNode.is(node)) {
    for (const f of node.from.froms) {
      const t = tableName(f);
      if (t && WATCHED.has(t)) return t;
    }
  }
  return null;
}

/** Whether a statement writes a table some statistic reads (hand-written writes always count). */
export function changesFigures(node: RootOperationNode): boolean {
  if (RawNode.is(node)) return /^\s*(?:insert|update|delete|truncate|with)\b/i.test(node.sqlFragments[0] ?? '');
  let t: string | null = null;
  if (InsertQueryNode.is(node)) t = tableName(node.into);
  else if (UpdateQueryNode.is(node)) t = node.table ? tableName(node.table) : null;
  else if (DeleteQueryNode.is(node)) t = node.from.froms.map(tableName).find((x) => x !== null) ?? null;
  else return false;
  return t === null || !NOT_FIGURES.has(t);
}

/** Empties the caches after every statement of this process that changes what they hold. */
export class AuthWritePlugin implements KyselyPlugin {
  private readonly pending = new WeakMap<object, { auth: boolean; figures: boolean }>();
  constructor(
    private readonly cache: ChangeCache,
    private readonly figures?: ChangeCache,
  ) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const auth = changedAuthTable(args.node) !== null;
    const figures = !!this.figures && changesFigures(args.node);
    if (auth || figures) {
      this.pending.set(args.queryId, { auth, figures });
      if (auth) this.cache.clear();
      if (figures) this.figures!.clear();
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Again once it has run: a lookup that read the old rows meanwhile must not keep them.
    const p = this.pending.get(args.queryId);
    if (p?.auth) this.cache.clear();
    if (p?.figures) this.figures!.clear();
    return args.result;
  }
}

/**
 * Listens for 'zs_auth' on its own connection; the cache is on only while it is connected, and is
 * emptied on every notification and on every (re)connection. Reconnects with a growing pause.
 */
export function listenForAuthChanges(
  url: string,
  cache: ChangeCache,
  log: (msg: string) => void = () => {},
  figures?: ChangeCache,
): () => Promise<void> {
  const setEnabled = (on: boolean) => {
    cache.setEnabled(on);
    figures?.setEnabled(on);
  };
  let client: pg.Client | null = null;
  let stopped = false;
  let pause = 500;
  let timer: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    client = c;
    const down = (why: string) => {
      if (client !== c) return;
      client = null;
      setEnabled(false);
      c.end().catch(() => {});
      if (stopped) return;
      log(`会话缓存已暂停（${why}），${Math.round(pause / 1000)} 秒后重连`);
      timer = setTimeout(connect, pause);
      timer.unref();
      pause = Math.min(pause * 2, 30_000);
    };
    c.on('error', (e) => down(e.message));
    c.on('end', () => down('连接已关闭'));
    c.on('notification', (n) => (n.channel === 'zs_data' ? figures?.clear() : cache.clear()));
    try {
      await c.connect();
      await c.query('LISTEN zs_auth');
      if (figures) await c.query('LISTEN zs_data');
      if (stopped || client !== c) return;
      pause = 500;
      setEnabled(true);
    } catch (e) {
      down((e as Error).message);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    setEnabled(false);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
