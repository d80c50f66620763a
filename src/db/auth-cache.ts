// A short-lived cache of who a session cookie or an API token belongs to, so that a request does not
// read its session and user from the database every time (issue [H]: the authenticated floor).
//
// Revocation is not weakened. The cache is emptied whenever anything that can end or narrow a sign-in
// changes — a session deleted (logout, password change), a user's roles, unit, password or active flag,
// a token revoked, a unit renamed:
// - by this process: a Kysely plugin sees every UPDATE/DELETE of those tables as it runs;
// - by another instance or process on PostgreSQL: triggers (migration 017_auth_notify) NOTIFY 'zs_auth', which a
//   listening connection of every instance hears; while that connection is down the cache is off;
// - by another process on SQLite (the CLI): PRAGMA data_version changes, checked on every lookup.
// A generation counter keeps a lookup that started before a change from storing what it read.
// Entries also expire after AUTH_CACHE_MS (default 5 s) and never outlive their session.
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
  RawNode,
  TableNode,
  UpdateQueryNode,
} from 'kysely';

/** Tables whose changes can end or narrow a sign-in. */
const WATCHED = new Set(['sessions', 'users', 'api_tokens', 'units']);
/** A token's last-use stamp is written once a minute; it changes nobody's rights. */
const HARMLESS_UPDATES: Record<string, Set<string>> = { api_tokens: new Set(['last_used_at']) };
const MAX_ENTRIES = 20_000;

type Entry<T> = { value: T; until: number };

export class AuthCache {
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

/** Empties the cache after every statement of this process that changes a watched table. */
export class AuthWritePlugin implements KyselyPlugin {
  private readonly pending = new WeakSet<object>();
  constructor(private readonly cache: AuthCache) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (changedAuthTable(args.node)) {
      this.pending.add(args.queryId);
      this.cache.clear();
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Again once it has run: a lookup that read the old row meanwhile must not keep it.
    if (this.pending.has(args.queryId)) this.cache.clear();
    return args.result;
  }
}

/**
 * Listens for 'zs_auth' on its own connection; the cache is on only while it is connected, and is
 * emptied on every notification and on every (re)connection. Reconnects with a growing pause.
 */
export function listenForAuthChanges(url: string, cache: AuthCache, log: (msg: string) => void = () => {}): () => Promise<void> {
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
      cache.setEnabled(false);
      c.end().catch(() => {});
      if (stopped) return;
      log(`会话缓存已暂停（${why}），${Math.round(pause / 1000)} 秒后重连`);
      timer = setTimeout(connect, pause);
      timer.unref();
      pause = Math.min(pause * 2, 30_000);
    };
    c.on('error', (e) => down(e.message));
    c.on('end', () => down('连接已关闭'));
    c.on('notification', () => cache.clear());
    try {
      await c.connect();
      await c.query('LISTEN zs_auth');
      if (stopped || client !== c) return;
      pause = 500;
      cache.setEnabled(true);
    } catch (e) {
      down((e as Error).message);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    cache.setEnabled(false);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
