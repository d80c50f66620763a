// Outgoing group-robot webhooks (企业微信 / 钉钉 / 飞书), one or more per unit and for the city office.
// Managed by the city office and the administrator only: an address lets anyone post into a group,
// so units never see one. Addresses and secrets are stored once and only ever shown masked — in API
// answers, in the audit trail, in delivery errors and in logs.
import type { Db, Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { maskUrl, MAX_ATTEMPTS, nextDelayMs, robotError, robotRequest, ROBOT_LABELS, scrub, type RobotKind } from '../../domain/robots';
import { updateVersioned } from '../../db/versioned';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';

/** Plain http is allowed only to the loopback address, and only when switched on (tests, local receivers). */
export function loopbackAllowed(): boolean {
  return process.env.WEBHOOK_ALLOW_LOOPBACK === 'on';
}

const HOSTS: Record<RobotKind, string[]> = {
  wecom: ['qyapi.weixin.qq.com'],
  dingtalk: ['oapi.dingtalk.com'],
  feishu: ['open.feishu.cn', 'open.larksuite.com'],
};

function checkUrl(kind: RobotKind, raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new AppError('validation', '机器人地址不是有效的网址，请从群机器人设置中复制完整的 Webhook 地址', { url: '不是有效网址' });
  }
  const loop = u.protocol === 'http:' && u.hostname === '127.0.0.1' && loopbackAllowed();
  if (u.protocol !== 'https:' && !loop) throw new AppError('validation', '机器人地址必须以 https:// 开头', { url: '必须是 https 地址' });
  if (!loop && !HOSTS[kind].includes(u.hostname)) {
    throw new AppError('validation', `这不像${ROBOT_LABELS[kind]}机器人的地址（应为 ${HOSTS[kind].join(' 或 ')}），请确认机器人类型`, {
      url: `应为 ${HOSTS[kind][0]} 的地址`,
    });
  }
  return u.toString();
}

export interface WebhookView {
  id: number;
  unitCode: string | null;
  unitName: string | null;
  kind: RobotKind;
  name: string;
  urlMasked: string;
  hasSecret: boolean;
  active: boolean;
  version: number;
  createdAt: string;
  lastDelivery: { status: string; at: string; error: string | null } | null;
}

type HookRow = {
  id: number;
  unit_code: string | null;
  kind: string;
  name: string;
  url: string;
  secret: string | null;
  active: number;
  version: number;
  created_at: string;
};

const masked = (h: { kind: string; name: string; url: string; secret: string | null; unit_code: string | null; active?: number }) => ({
  kind: h.kind,
  name: h.name,
  unitCode: h.unit_code,
  url: maskUrl(h.url),
  secret: h.secret ? '****' : null,
  ...(h.active === undefined ? {} : { active: h.active === 1 }),
});

export async function listWebhooks(db: Tx, actor: Actor): Promise<WebhookView[]> {
  requirePermission(actor, 'webhook.manage');
  const rows = await db
    .selectFrom('webhooks')
    .leftJoin('units', 'units.code', 'webhooks.unit_code')
    .selectAll('webhooks')
    .select('units.name as unit_name')
    .orderBy('webhooks.unit_code')
    .orderBy('webhooks.id')
    .execute();
  const last = await db
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', 'status', 'created_at', 'sent_at', 'last_error'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries')
        .select((e) => e.fn.max('id').as('m'))
        .groupBy('webhook_id'),
    )
    .execute();
  const lastBy = new Map(last.map((d) => [Number(d.webhook_id), d]));
  return rows.map((r) => {
    const d = lastBy.get(Number(r.id));
    return {
      id: Number(r.id),
      unitCode: r.unit_code,
      unitName: r.unit_code ? (r.unit_name ?? r.unit_code) : null,
      kind: r.kind as RobotKind,
      name: r.name,
      urlMasked: maskUrl(r.url),
      hasSecret: !!r.secret,
      active: r.active === 1,
      version: r.version,
      createdAt: r.created_at,
      lastDelivery: d ? { status: d.status, at: d.sent_at ?? d.created_at, error: d.last_error } : null,
    };
  });
}

async function hookView(db: Tx, actor: Actor, id: number): Promise<WebhookView> {
  const v = (await listWebhooks(db, actor)).find((h) => h.id === id);
  if (!v) throw new AppError('not_found', '该机器人不存在或已删除，请刷新列表');
  return v;
}

async function hookRow(db: Tx, id: number): Promise<HookRow> {
  const r = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', '该机器人不存在或已删除，请刷新列表');
  return { ...r, id: Number(r.id) };
}

export type WebhookCreate = { unitCode: string | null; kind: RobotKind; name: string; url: string; secret?: string | null | undefined };

export async function createWebhook(tx: Tx, actor: Actor, input: WebhookCreate): Promise<WebhookView> {
  requirePermission(actor, 'webhook.manage');
  if (input.unitCode) {
    const u = await tx.selectFrom('units').select(['code', 'kind']).where('code', '=', input.unitCode).executeTakeFirst();
    if (!u) throw new AppError('validation', `单位 ${input.unitCode} 不存在`, { unitCode: '单位不存在' });
    if (u.kind === 'city') input = { ...input, unitCode: null };
  }
  if (input.secret && input.kind === 'wecom')
    throw new AppError('validation', '企业微信群机器人没有加签密钥，请留空', { secret: '企业微信无需密钥' });
  const url = checkUrl(input.kind, input.url);
  const t = nowIso();
  const row = {
    unit_code: input.unitCode,
    kind: input.kind,
    name: input.name,
    url,
    secret: input.secret?.trim() || null,
    created_at: t,
    updated_at: t,
  };
  const r = await tx.insertInto('webhooks').values(row).returning('id').executeTakeFirstOrThrow();
  const id = Number(r.id);
  await audit(tx, actor, {
    action: 'create',
    entity: 'webhook',
    entityId: id,
    unitCode: input.unitCode,
    summary: `新增${ROBOT_LABELS[input.kind]}机器人“${input.name}”（${maskUrl(url)}）`,
    after: masked(row),
  });
  return hookView(tx, actor, id);
}

export type WebhookUpdate = {
  version: number;
  name?: string | undefined;
  active?: boolean | undefined;
  url?: string | undefined;
  secret?: string | null | undefined;
};

/** A new address or secret replaces the old one; leaving them out keeps it (they are never sent back). */
export async function updateWebhook(tx: Tx, actor: Actor, id: number, input: WebhookUpdate): Promise<WebhookView> {
  requirePermission(actor, 'webhook.manage');
  const before = await hookRow(tx, id);
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  if (input.url) patch.url = checkUrl(before.kind as RobotKind, input.url);
  if (input.secret !== undefined) patch.secret = input.secret?.trim() || null;
  await updateVersioned(tx, 'webhooks', id, input.version, patch, '机器人');
  const after = await hookRow(tx, id);
  await audit(tx, actor, {
    action: 'update',
    entity: 'webhook',
    entityId: id,
    unitCode: before.unit_code,
    summary: `修改机器人“${after.name}”`,
    before: masked(before),
    after: masked(after),
  });
  return hookView(tx, actor, id);
}

export async function deleteWebhook(tx: Tx, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'webhook.manage');
  const before = await hookRow(tx, id);
  await tx.deleteFrom('webhooks').where('id', '=', id).execute();
  await audit(tx, actor, {
    action: 'delete',
    entity: 'webhook',
    entityId: id,
    unitCode: before.unit_code,
    summary: `删除机器人“${before.name}”`,
    before: masked(before),
  });
}

/** Queues one message to a robot; the sender job delivers it. */
export async function enqueue(
  tx: Tx,
  webhookId: number,
  msg: { summary: string; title: string; markdown: string },
  now = Date.now(),
): Promise<number> {
  const r = await tx
    .insertInto('webhook_deliveries')
    .values({
      webhook_id: webhookId,
      summary: msg.summary.slice(0, 300),
      title: msg.title.slice(0, 200),
      markdown: msg.markdown,
      status: 'pending',
      attempts: 0,
      next_attempt_at: new Date(now).toISOString(),
      last_error: null,
      response_code: null,
      created_at: new Date(now).toISOString(),
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export interface SendDeps {
  now?: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** One attempt at one delivery; records the result and, on failure, when to try again. */
export async function attempt(db: Db, deliveryId: number, deps: SendDeps = {}): Promise<DeliveryView> {
  const now = deps.now ?? Date.now;
  const d = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
  const started = now();
  // Claim the attempt: the test button and the sender job (or two instances) never send one message twice.
  // Pushing next_attempt_at ahead is the claim, so a process that dies mid-send frees it two minutes later.
  const claim = await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: new Date(started + 120_000).toISOString() })
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', d.next_attempt_at)
    .executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) return deliveryView(db, deliveryId);
  const hook = await hookRow(db, Number(d.webhook_id));
  const req = robotRequest(hook.kind as RobotKind, hook.url, hook.secret, d.title, d.markdown, started);
  let code: number | null = null;
  let error: string | null;
  try {
    const res = await (deps.fetch ?? fetch)(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
      redirect: 'error',
    });
    code = res.status;
    error = robotError(hook.kind as RobotKind, res.status, await res.text());
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    error = e.name === 'TimeoutError' ? `超时（${(deps.timeoutMs ?? 5000) / 1000} 秒内无应答）` : `无法连接：${e.cause?.code ?? e.message}`;
  }
  const attempts = d.attempts + 1;
  const delay = error ? nextDelayMs(attempts) : null;
  await db
    .updateTable('webhook_deliveries')
    .set({
      attempts,
      response_code: code,
      status: error ? (delay === null ? 'failed' : 'pending') : 'sent',
      last_error: error ? scrub(error, [hook.url, hook.secret]).slice(0, 500) : null,
      next_attempt_at: new Date(started + (delay ?? 0)).toISOString(),
      sent_at: error ? null : new Date(started).toISOString(),
    })
    .where('id', '=', deliveryId)
    .execute();
  return deliveryView(db, deliveryId);
}

/** Sends every delivery that is due (the job holds the lock, so one instance sends each). */
export async function sendDue(db: Db, deps: SendDeps = {}): Promise<{ sent: number; failed: number; retrying: number }> {
  const now = (deps.now ?? Date.now)();
  const due = await db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select('webhook_deliveries.id')
    .where('webhook_deliveries.status', '=', 'pending')
    .where('webhooks.active', '=', 1)
    .where('webhook_deliveries.next_attempt_at', '<=', new Date(now).toISOString())
    .orderBy('webhook_deliveries.id')
    .limit(200)
    .execute();
  const out = { sent: 0, failed: 0, retrying: 0 };
  for (const { id } of due) {
    const r = await attempt(db, Number(id), deps);
    if (r.status === 'sent') out.sent++;
    else if (r.status === 'failed') out.failed++;
    else out.retrying++;
  }
  return out;
}

export interface DeliveryView {
  id: number;
  webhookId: number;
  summary: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  responseCode: number | null;
  createdAt: string;
  sentAt: string | null;
}

async function deliveryView(db: Tx, id: number): Promise<DeliveryView> {
  const d = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toDelivery(d);
}
function toDelivery(d: {
  id: number;
  webhook_id: number;
  summary: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  response_code: number | null;
  created_at: string;
  sent_at: string | null;
}): DeliveryView {
  return {
    id: Number(d.id),
    webhookId: Number(d.webhook_id),
    summary: d.summary,
    status: d.status as DeliveryView['status'],
    attempts: d.attempts,
    maxAttempts: MAX_ATTEMPTS,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
    lastError: d.last_error,
    responseCode: d.response_code === null ? null : Number(d.response_code),
    createdAt: d.created_at,
    sentAt: d.sent_at,
  };
}

/** The delivery log of one robot: the latest 100. */
export async function listDeliveries(db: Tx, actor: Actor, webhookId: number): Promise<{ webhook: WebhookView; items: DeliveryView[] }> {
  const webhook = await hookView(db, actor, webhookId);
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return { webhook, items: rows.map(toDelivery) };
}

/** 发送测试消息: queued and tried at once, so the answer says whether the robot accepted it. */
export async function sendTest(db: Db, actor: Actor, webhookId: number, deps: SendDeps = {}): Promise<DeliveryView> {
  const hook = await hookView(db, actor, webhookId);
  const id = await db.transaction().execute(async (tx) => {
    const i = await enqueue(
      tx,
      webhookId,
      {
        summary: '测试消息',
        title: '招商引资调度平台 · 测试消息',
        markdown: `这是一条测试消息：机器人“${hook.name}”已接入招商引资调度平台，今后每天推送本单位的预警与督办简报。\n> 发送人：${actor.name}`,
      },
      (deps.now ?? Date.now)(),
    );
    await audit(tx, actor, {
      action: 'create',
      entity: 'webhook_delivery',
      entityId: i,
      unitCode: hook.unitCode,
      summary: `向机器人“${hook.name}”发送测试消息`,
    });
    return i;
  });
  return attempt(db, id, deps);
}
