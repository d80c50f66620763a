// Property-based fuzzing of the live route table (fast-check): random routes, path ids, query
// strings and JSON bodies, sent as every role (and anonymously), on both databases. Properties:
// never a 5xx; a refused request (4xx) writes nothing (no audit row, no row count or version moves).
// Runtime is bounded by FUZZ_RUNS (default 2500 requests per database, about a minute on PostgreSQL here); the count is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type Client, type TestDb } from '../test/harness';
import { nowIso } from '../db/clock';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const ROLES = ['office', 'admin', 'leader', 'super', 'rep1', 'head1', 'rep2', 'anonymous'] as const;
// Ending the fuzzing session itself, or replacing the whole database with the demo, is not fuzzed.
const SKIP = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/demo/load']);
const FIELDS = [
  'name',
  'code',
  'unitCode',
  'unit',
  'projectId',
  'investorId',
  'period',
  'amountYuan',
  'foreignUsd',
  'version',
  'reason',
  'note',
  'origin',
  'entity',
  'entityId',
  'ids',
  'rows',
  'projectCode',
  'to',
  'date',
  'kind',
  'title',
  'content',
  'status',
  'year',
  'indicator',
  'baseValue',
  'stretchValue',
  'username',
  'password',
  'roles',
  'displayName',
  'cnyPerUsdE4',
  'query',
  'scope',
  'stage',
  'q',
  'largeProjectThresholdWan',
  'homeRegionCode',
  'cityName',
  'totalInvestmentYuan',
  'contacts',
  'creditCode',
  'page',
  'pageSize',
  'sort',
  'basis',
  'assignee',
  'adjustsPeriod',
  'registeredOn',
  'active',
  'sortBy',
  'acknowledgeUnfinished',
];

const scalar = fc.oneof(
  fc.constantFrom(
    '2026-05',
    '2026-13',
    '0000-01',
    '9999-12',
    'U01',
    'U02',
    'C00',
    '',
    ' ',
    '香港',
    '浙江省杭州市',
    'reporter',
    'verified',
    'investor',
    'project',
    'regular',
    'adjustment',
    'contract',
    'dropped',
    'funds',
    '\u0000',
    'a\u0000b',
    '<img src=x onerror=alert(1)>',
    "'; DROP TABLE projects; --",
    '2026-05-20',
    '2026-02-30',
    'x'.repeat(300),
  ),
  fc.integer(),
  fc.constantFrom(0, -1, 1, 777, 2 ** 31, 2 ** 31 - 1, 2 ** 53, -(2 ** 53), 1e308, 0.5, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
// Values that have broken handlers or databases before: NUL bytes, numbers past 2^31 / 2^53, long text.
const hostile = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '\u0001\u001f',
      2 ** 31,
      2 ** 53,
      1e308,
      -(2 ** 63),
      'x'.repeat(5000),
      '2026-02-30',
      '0000-01',
    ),
    weight: 3,
  },
  { arbitrary: scalar, weight: 2 },
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie('v'), { maxKeys: 4 }),
  ),
})).v;
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }),
  fc.constant(undefined),
  fc.array(value, { maxLength: 3 }),
  scalar,
);
// Valid requests of the write routes: the fuzzer also sends these with one field replaced by a
// random or hostile value, so that values reach the handlers and the database, not only the schemas.
const TEMPLATES: Record<string, Record<string, unknown>> = {
  'POST /api/v1/auth/login': { username: 'rep1', password: 'wrong-password' },
  'POST /api/v1/investors': { name: '模糊客商', origin: '香港' },
  'PATCH /api/v1/investors/:id': { notes: '备注', version: 1 },
  'POST /api/v1/projects': { name: '模糊项目', unitCode: 'U01', totalInvestmentYuan: 1000 },
  'PATCH /api/v1/projects/:id': { name: '改名', owner: '张三', version: 1 },
  'POST /api/v1/projects/:id/moves': { to: 'started', date: '2026-06-01', version: 1 },
  'POST /api/v1/projects/:id/follow-ups': { date: '2026-06-01', kind: 'visit', content: '拜访' },
  'POST /api/v1/projects/:id/blockers': { title: '用地' },
  'POST /api/v1/projects/:id/commitments': { title: '承诺' },
  'POST /api/v1/projects/:id/approval-items': { kind: 'land' },
  'POST /api/v1/saved-filters': { name: '筛选', query: { stage: 'lead' } },
  'POST /api/v1/fund-entries': { projectId: 1, period: '2026-06', amountYuan: 1000, note: '备注' },
  'POST /api/v1/fund-entries/batch': { period: '2026-06', rows: [{ projectCode: 'FZ-1', amountYuan: 1000 }] },
  'PATCH /api/v1/fund-entries/:id': { amountYuan: 5, note: '改', version: 1 },
  'POST /api/v1/fund-entries/:id/return': { reason: '金额有误' },
  'POST /api/v1/fund-entries/verify-bulk': { ids: [1, 2] },
  'POST /api/v1/submissions/:unitCode/:period/return': { reason: '金额有误' },
  'PUT /api/v1/exchange-rates': { period: '2026-06', cnyPerUsdE4: 71000 },
  'POST /api/v1/periods/:period/lock': { note: '封账' },
  'POST /api/v1/periods/:period/unlock': { reason: '补录' },
  'POST /api/v1/users': { username: 'fuzzuser', displayName: '模糊', password: 'Abcdefgh12345!', roles: ['reporter'], unitCode: 'U01' },
  'PATCH /api/v1/users/:id': { displayName: '改名', version: 1 },
  'POST /api/v1/tokens': { name: '令牌', role: 'leader' },
  'POST /api/v1/units': { code: 'U55', name: '模糊单位', kind: 'zone' },
  'PATCH /api/v1/units/:code': { name: '改名', version: 1 },
  'PATCH /api/v1/settings': { cityName: '吉林市', version: 1 },
  'POST /api/v1/targets': { year: 2026, unitCode: 'U01', indicator: 'funds', baseValue: 1000 },
  'POST /api/v1/targets/:id/splits': { assignee: '一组', baseValue: 10 },
  'POST /api/v1/revisions': { entity: 'project', entityId: 1, unitCode: 'U02', reason: '更正单位' },
  'POST /api/v1/revisions/:id/approve': { version: 1 },
  'POST /api/v1/revisions/:id/reject': { version: 1, note: '不同意' },
};
const VALID_PARAMS: Record<string, string> = { id: '1', itemId: '1', attachmentId: '1', unitCode: 'U01', code: 'U01', period: '2026-06' };

const pathValue = fc.oneof(
  fc.constantFrom('1', '2', '777', '0', '-1', 'U01', 'U02', 'C00', '2026-05', '2026-13', 'abc', '%00', '99999999999999999999'),
  fc.integer({ min: 1, max: 30 }).map(String),
);
const query = fc.dictionary(
  fc.constantFrom('q', 'period', 'unit', 'unitCode', 'projectId', 'page', 'year', 'status', ...FIELDS),
  fc.oneof(hostile.map(String), fc.constantFrom('2026-05', 'U01', '1')),
  { maxKeys: 4 },
);
// The city office may call most routes; unit users and the anonymous test scope and sign-in.
const role = fc.oneof({ arbitrary: fc.constant('office' as const), weight: 4 }, { arbitrary: fc.constantFrom(...ROLES), weight: 6 });

describe.each(DB_KINDS)('fuzzing every route as every role (%s)', (kind) => {
  let t: TestDb;
  let app: FastifyInstance;
  const clients: Partial<Record<(typeof ROLES)[number], Client>> = {};
  let routes: { method: string; url: string }[];

  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    const ts = nowIso();
    for (const [unit, n] of [
      ['U01', 1],
      ['U02', 2],
      ['U01', 3],
    ] as const) {
      const p = await t.db
        .insertInto('projects')
        .values({
          unit_code: unit,
          code: `FZ-${n}`,
          name: `模糊测试项目${n}`,
          stage: 'contract',
          contract_date: '2026-01-01',
          total_investment_yuan: 1e8,
          created_at: ts,
          updated_at: ts,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('fund_entries')
        .values({
          project_id: p.id,
          unit_code: unit,
          period: '2026-05',
          year: 2026,
          month: 5,
          kind: 'regular',
          amount_yuan: 1e6,
          foreign_usd: 0,
          status: n === 2 ? 'submitted' : 'draft',
          created_at: ts,
          updated_at: ts,
        })
        .execute();
    }
    app = await testApp(t.db);
    for (const r of ROLES) if (r !== 'anonymous') clients[r] = await login(app, r);
    routes = app.routeList.filter((r) => r.url.startsWith('/api/v1/') && !SKIP.has(`${r.method} ${r.url}`));
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  /** Changes whenever anything is written: audit rows, row counts and the sum of versions. */
  async function fingerprint(): Promise<string> {
    const tables = [
      'projects',
      'investors',
      'fund_entries',
      'submissions',
      'units',
      'users',
      'period_locks',
      'exchange_rates',
      'targets',
      'target_splits',
      'attachments',
      'revisions',
      'follow_ups',
      'blockers',
      'commitments',
      'approval_items',
      'saved_filters',
      'settings',
      'api_tokens',
    ];
    const counts = tables.map((x) => `(SELECT COUNT(*) FROM ${x})`).join(', ');
    const versions = ['projects', 'investors', 'fund_entries', 'submissions', 'units', 'users']
      .map((x) => `(SELECT COALESCE(SUM(version), 0) FROM ${x})`)
      .join(', ');
    const r = await sql.raw(`SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_log) AS a, ${counts}, ${versions}`).execute(t.db);
    return JSON.stringify(Object.values(r.rows[0] as object).map(Number));
  }

  it(`answers ${RUNS} random requests without a 5xx, and a refusal writes nothing`, async () => {
    let sent = 0;
    const byStatus: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        role,
        fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        query,
        body,
        fc.boolean(),
        fc.nat(),
        hostile,
        async (ri, who, params, q, randomBody, useTemplate, field, bad) => {
          const r = routes[ri]!;
          const template = TEMPLATES[`${r.method} ${r.url}`];
          let b: unknown = randomBody;
          if (useTemplate && template) {
            const keys = Object.keys(template);
            b = { ...template, [keys[field % keys.length]!]: bad };
          }
          let i = 0;
          const url =
            r.url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
              encodeURIComponent(useTemplate && VALID_PARAMS[name] ? VALID_PARAMS[name]! : params[i++ % 3]!),
            ) + (Object.keys(q).length ? `?${new URLSearchParams(q as Record<string, string>)}` : '');
          const c = clients[who as Exclude<(typeof ROLES)[number], 'anonymous'>];
          const headers: Record<string, string> = c ? { cookie: c.cookie, 'x-csrf-token': c.csrf } : {};
          const before = r.method === 'GET' ? '' : await fingerprint();
          const res = await app.inject({
            method: r.method as 'GET',
            url,
            headers,
            ...(b === undefined || r.method === 'GET' ? {} : { payload: b as object }),
          });
          sent++;
          byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 500)
            throw new Error(`${who} ${r.method} ${url} ${JSON.stringify(b)?.slice(0, 500)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
          if (r.method !== 'GET' && res.statusCode >= 400 && r.url !== '/api/v1/auth/login') {
            const after = await fingerprint();
            if (after !== before)
              throw new Error(`${who} ${r.method} ${url} refused with ${res.statusCode} but wrote: ${before} → ${after}`);
          }
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261202), endOnFailure: true },
    );
    console.log(
      `[fuzz ${kind}] requests fuzzed: ${sent} over ${routes.length} routes × ${ROLES.length} roles; statuses ${JSON.stringify(byStatus)}`,
    );
    expect(sent).toBe(RUNS);
  }, 180_000);
});
