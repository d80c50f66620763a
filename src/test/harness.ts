// Test support: every database-touching test runs once per database — SQLite always, PostgreSQL
// when TEST_PG_URL points at a server (as .ci/run does). Each run gets a fresh, migrated database.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createDb, type Db } from '../db/database';
import { migrate } from '../db/migrate';
import { buildApp } from '../server/app';
import { loadConfig } from '../config';
import { SYSTEM_ACTOR } from '../modules/auth/actor';
import { createUser } from '../modules/users/users.service';
import type { Role } from '../contracts/common';
import type { UnitKind } from '../contracts/units';
import { nowIso } from '../db/clock';

export type DbKind = 'sqlite' | 'postgres';
export const DB_KINDS: DbKind[] = process.env.TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb {
  db: Db;
  kind: DbKind;
  url: string;
  drop: () => Promise<void>;
}

export async function freshDb(kind: DbKind): Promise<TestDb> {
  const name = `zs_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-test-'));
    const url = path.join(dir, 'test.db');
    const db = createDb(url);
    await migrate(db);
    return {
      db,
      kind,
      url,
      drop: async () => {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = process.env.TEST_PG_URL!;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = createDb(url);
  await migrate(db);
  return {
    db,
    kind,
    url,
    drop: async () => {
      await db.destroy();
      const c2 = new pg.Client({ connectionString: admin });
      await c2.connect();
      await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c2.end();
    },
  };
}

export async function testApp(db: Db): Promise<FastifyInstance> {
  const config = { ...loadConfig({}), jobs: false, cookieSecure: 'false' as const };
  const app = await buildApp({ db, config });
  await app.ready();
  return app;
}

export const TEST_PASSWORD = 'Harness-pw-2026';

export async function addUnit(db: Db, code: string, name: string, kind: UnitKind): Promise<void> {
  const t = nowIso();
  await db.insertInto('units').values({ code, name, kind, created_at: t, updated_at: t }).execute();
}

export async function addUser(db: Db, username: string, roles: Role[], unitCode: string | null = null): Promise<number> {
  const u = await db
    .transaction()
    .execute((tx) =>
      createUser(tx, SYSTEM_ACTOR, { username, displayName: username, password: TEST_PASSWORD, roles, unitCode }, { skipPermission: true }),
    );
  return u.id;
}

/** A small city: the city unit C00, two counties U01 U02, and one user per role. */
export async function seedBasics(db: Db): Promise<void> {
  await addUnit(db, 'C00', '吉林市人民政府', 'city');
  await addUnit(db, 'U01', '昌邑区', 'county');
  await addUnit(db, 'U02', '船营区', 'county');
  await addUser(db, 'office', ['city_office']);
  await addUser(db, 'admin', ['admin']);
  await addUser(db, 'leader', ['leader']);
  await addUser(db, 'super', ['supervisor']);
  await addUser(db, 'rep1', ['reporter'], 'U01');
  await addUser(db, 'head1', ['unit_head'], 'U01');
  await addUser(db, 'rep2', ['reporter'], 'U02');
}

export interface Client {
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  delete: (url: string) => Promise<LightMyRequestResponse>;
  inject: FastifyInstance['inject'];
  cookie: string;
  csrf: string;
}

/** Signs in through the real login route and returns a client that sends the cookie and CSRF token. */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'zs_session');
  const cookie = `zs_session=${setCookie!.value}`;
  const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  const csrf = (me.json() as { csrfToken: string }).csrfToken;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (url: string, body?: unknown) =>
    app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    get: send('GET'),
    post: send('POST'),
    patch: send('PATCH'),
    put: send('PUT'),
    delete: send('DELETE'),
    inject: app.inject.bind(app),
    cookie,
    csrf,
  };
}
