// What investors reach without an account: the reserve projects marked 已推介, the city's advantages,
// an inquiry form, and one-time links to confirm or dispute a commitment the city says it fulfilled.
// Everything here treats input as untrusted and exposes nothing of unmarked projects.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isPostgres, type Tx } from '../../db/database';
import { updateVersioned } from '../../db/versioned';
import { AppError } from '../../domain/errors';
import type { Inquiry, InquiryCreate } from '../../contracts/public';
import { audit, nowIso } from '../audit/audit.service';
import { isCityWide, makeActor, requirePermission, type Actor } from '../auth/actor';
import { scoped } from '../auth/scope';
import { getProjectInScope } from '../projects/projects.service';
import { getSettings } from '../settings/settings.service';
import { financeOf, reserveRows, toReserve } from '../reserve/reserve.service';

/** Anti-spam limits: at most this many inquiries per address per hour, and no faster than a person types. */
export const INQUIRY_LIMIT_PER_HOUR = 5;
export const MIN_FILL_MS = 3000;
const FORM_TOKEN_MAX_AGE_MS = 24 * 3600_000;
export const LINK_DAYS = 14;

// The form token only proves "this form was shown at time T". Its key is kept in the database, so a
// form shown by one instance is accepted by another behind the same load balancer, and across restarts.
const FORM_KEY_DOC = 'secret:public-form-key';
async function formKey(db: Tx): Promise<Buffer> {
  const read = () => db.selectFrom('documents').select('data').where('key', '=', FORM_KEY_DOC).executeTakeFirst();
  let row = await read();
  if (!row) {
    // Two instances may create it at once: the first insert wins, both then read the same key.
    await db
      .insertInto('documents')
      .values({ key: FORM_KEY_DOC, filename: 'form-key', data: randomBytes(32), updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await read();
  }
  if (!row) throw new Error('public form key missing after insert');
  return Buffer.from(row.data as Uint8Array);
}
const sign = (key: Buffer, ts: string) => createHmac('sha256', key).update(ts).digest('base64url').slice(0, 32);
export async function issueFormToken(db: Tx, now = Date.now()): Promise<string> {
  return `${now}.${sign(await formKey(db), String(now))}`;
}
async function checkFormToken(db: Tx, token: string, now = Date.now()): Promise<void> {
  const [ts, mac] = token.split('.');
  const key = await formKey(db);
  const ok = !!ts && !!mac && mac.length === 32 && timingSafeEqual(Buffer.from(mac), Buffer.from(sign(key, ts)));
  const age = now - Number(ts);
  if (!ok || !(age <= FORM_TOKEN_MAX_AGE_MS))
    throw new AppError('validation', '表单已过期，请刷新页面后重新填写', { formToken: '请刷新页面' });
  if (age < MIN_FILL_MS) throw new AppError('validation', '提交过快，请核对内容后再提交', { formToken: '提交过快' });
}
const hashOf = (s: string) => createHash('sha256').update(s).digest('hex');

/** The actor recorded in the audit log for what investors do without an account. */
const PUBLIC_ACTOR: Actor = makeActor({ userId: null, name: '投资方（公开页面）', roles: [], unitCode: null, via: 'system' });

export async function publicInfo(db: Tx) {
  const s = await getSettings(db);
  return {
    cityName: s.cityName,
    cityAdvantages: s.cityAdvantages,
    contact: s.investorContact,
    inquiryResponseHours: s.inquiryResponseHours,
    formToken: await issueFormToken(db),
  };
}

/** Only reserve projects marked 已推介 are public. */
function promoted(db: Tx) {
  return reserveRows(db).where('reserve_projects.status', '=', 'promoted');
}

export async function publicReserveList(db: Tx) {
  const rows = await promoted(db)
    .orderBy('reserve_projects.promoted_on', 'desc')
    .orderBy('reserve_projects.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => {
    const p = toReserve(r as never);
    const f = financeOf(p.cashflow);
    return {
      id: p.id,
      name: p.name,
      nameEn: p.nameEn,
      industry: p.industry,
      location: p.location,
      totalInvestmentYuan: p.totalInvestmentYuan,
      description: p.description,
      marketOutlook: p.marketOutlook,
      advantages: p.advantages,
      npv: f?.npv ?? null,
      irr: f?.irr ?? null,
      paybackYears: f?.paybackYears ?? null,
    };
  });
}

export async function publicReserve(db: Tx, id: number) {
  const r = await promoted(db).where('reserve_projects.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', '该推介项目不存在或已下架');
  const p = toReserve(r as never);
  return { ...p, finance: financeOf(p.cashflow), rollovers: [] };
}

export async function createInquiry(tx: Tx, input: InquiryCreate, source: string): Promise<{ received: true }> {
  // A filled honeypot is a bot: answer as if accepted so it learns nothing, store nothing.
  if (input.website && input.website.trim() !== '') return { received: true };
  await checkFormToken(tx, input.formToken);
  const sourceHash = hashOf(`inquiry:${source}`);
  const since = new Date(Date.now() - 3600_000).toISOString();
  const recent = await tx
    .selectFrom('inquiries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source_hash', '=', sourceHash)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  if (Number(recent?.n ?? 0) >= INQUIRY_LIMIT_PER_HOUR)
    throw new AppError('rate_limited', '提交次数过多，请一小时后再试，或直接致电招商部门');
  let reserveId: number | null = null;
  if (input.reserveProjectId) {
    const r = await promoted(tx).where('reserve_projects.id', '=', input.reserveProjectId).executeTakeFirst();
    if (!r) throw new AppError('validation', '所咨询的项目不存在或已下架，请刷新页面', { reserveProjectId: '项目不存在' });
    reserveId = input.reserveProjectId;
  }
  const t = nowIso();
  const row = await tx
    .insertInto('inquiries')
    .values({
      reserve_project_id: reserveId,
      name: input.name,
      company: input.company || null,
      contact: input.contact,
      message: input.message,
      source_hash: sourceHash,
      status: 'new',
      created_at: t,
      updated_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(tx, PUBLIC_ACTOR, {
    action: 'create',
    entity: 'inquiry',
    entityId: Number(row.id),
    summary: `投资咨询：${input.name}${input.company ? `（${input.company}）` : ''}`,
  });
  return { received: true };
}

// --- the city office's side of inquiries ------------------------------------------------------

function dueAt(createdAt: string, hours: number): string {
  return new Date(new Date(createdAt).getTime() + hours * 3600_000).toISOString();
}

/** Inquiries go to the city office: only city-wide roles see them. `overdue` = unanswered past the response time. */
export async function listInquiries(
  db: Tx,
  actor: Actor,
  q: { status?: string | undefined; overdue?: string | undefined },
  now = new Date(),
): Promise<Inquiry[]> {
  if (!isCityWide(actor)) return [];
  const hours = (await getSettings(db)).inquiryResponseHours;
  let qb = db
    .selectFrom('inquiries')
    .leftJoin('reserve_projects', 'reserve_projects.id', 'inquiries.reserve_project_id')
    .selectAll('inquiries')
    .select('reserve_projects.name as reserve_name');
  if (q.status) qb = qb.where('inquiries.status', '=', q.status);
  const rows = await qb.orderBy('inquiries.created_at', 'desc').limit(2000).execute();
  const items = rows.map((r): Inquiry => {
    const due = dueAt(r.created_at, hours);
    return {
      id: Number(r.id),
      reserveProjectId: r.reserve_project_id === null ? null : Number(r.reserve_project_id),
      reserveProjectName: r.reserve_name,
      name: r.name,
      company: r.company,
      contact: r.contact,
      message: r.message,
      status: r.status as Inquiry['status'],
      answer: r.answer,
      answeredAt: r.answered_at,
      createdAt: r.created_at,
      dueAt: due,
      overdue: r.status === 'new' && now.toISOString() > due,
      version: r.version,
    };
  });
  return q.overdue ? items.filter((i) => i.overdue === (q.overdue === 'true')) : items;
}

/** For the warnings branch: unanswered inquiries past the response time (DESIGN.md's lead rule). */
export async function overdueInquiries(db: Tx, now = new Date()): Promise<Inquiry[]> {
  return listInquiries(
    db,
    makeActor({ userId: null, name: '系统', roles: ['city_office'], unitCode: null, via: 'system' }),
    { overdue: 'true' },
    now,
  );
}

export async function answerInquiry(
  tx: Tx,
  actor: Actor,
  id: number,
  input: { status: 'answered' | 'closed'; answer?: string | null | undefined; version: number },
): Promise<Inquiry> {
  requirePermission(actor, 'project.write');
  if (!isCityWide(actor)) throw new AppError('not_found', '咨询不存在或无权查看');
  const before = await tx.selectFrom('inquiries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found', '咨询不存在或无权查看');
  if (input.status === 'answered' && !input.answer?.trim())
    throw new AppError('validation', '请填写答复内容（如何联系、答复了什么）', { answer: '请填写答复内容' });
  await updateVersioned(
    tx,
    'inquiries',
    id,
    input.version,
    { status: input.status, answer: input.answer ?? null, answered_at: nowIso(), answered_by: actor.userId },
    '咨询',
  );
  await audit(tx, actor, {
    action: 'update',
    entity: 'inquiry',
    entityId: id,
    summary: `${input.status === 'answered' ? '答复' : '关闭'}投资咨询：${before.name}`,
    before: { status: before.status },
    after: { status: input.status, answer: input.answer ?? null },
  });
  const all = await listInquiries(tx, actor, {});
  return all.find((i) => i.id === id)!;
}

// --- investors confirm commitments ---------------------------------------------------------------

/** A one-time link for a commitment marked fulfilled; only its hash is stored. */
export async function createCommitmentLink(
  tx: Tx,
  actor: Actor,
  commitmentId: number,
): Promise<{ url: string; token: string; expiresAt: string }> {
  requirePermission(actor, 'project.write');
  // Held until commit on PostgreSQL: a double click makes two links one after the other, the older voided.
  let cq = tx.selectFrom('commitments').selectAll().where('id', '=', commitmentId);
  if (isPostgres(tx)) cq = cq.forUpdate();
  const c = await cq.executeTakeFirst();
  if (!c) throw new AppError('not_found', '承诺事项不存在或无权查看');
  const project = await getProjectInScope(tx, actor, Number(c.project_id)).catch(() => {
    throw new AppError('not_found', '承诺事项不存在或无权查看');
  });
  if (c.status !== 'fulfilled') throw new AppError('validation', '只有标记为“已兑现”的承诺才能请投资方确认', { status: '尚未兑现' });
  const token = randomBytes(24).toString('base64url');
  const t = nowIso();
  const expiresAt = new Date(Date.now() + LINK_DAYS * 86_400_000).toISOString();
  // an older link still out is voided: only the newest one counts
  await tx
    .updateTable('commitment_links')
    .set({ used_at: t })
    .where('commitment_id', '=', commitmentId)
    .where('used_at', 'is', null)
    .execute();
  await tx
    .insertInto('commitment_links')
    .values({ commitment_id: commitmentId, token_hash: hashOf(token), expires_at: expiresAt, created_by: actor.userId, created_at: t })
    .execute();
  await tx
    .updateTable('commitments')
    .set({ investor_check: 'pending', investor_comment: null, investor_checked_at: null })
    .where('id', '=', commitmentId)
    .execute();
  await audit(tx, actor, {
    action: 'create',
    entity: 'commitment_link',
    entityId: commitmentId,
    unitCode: project.unitCode,
    summary: `生成投资方确认链接：${project.name}「${c.title}」，${LINK_DAYS}天内有效`,
  });
  return { url: `/invest/confirm/${token}`, token, expiresAt };
}

async function liveLink(db: Tx, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new AppError('not_found', '链接无效、已使用或已过期，请联系招商部门重新发送');
  const link = await db.selectFrom('commitment_links').selectAll().where('token_hash', '=', hashOf(token)).executeTakeFirst();
  if (!link || link.used_at || link.expires_at < nowIso())
    throw new AppError('not_found', '链接无效、已使用或已过期，请联系招商部门重新发送');
  const c = await db
    .selectFrom('commitments')
    .innerJoin('projects', 'projects.id', 'commitments.project_id')
    .select([
      'commitments.id',
      'commitments.title',
      'commitments.fulfilled_on',
      'commitments.evidence',
      'projects.name as project_name',
      'projects.unit_code',
    ])
    .where('commitments.id', '=', link.commitment_id)
    .executeTakeFirst();
  if (!c) throw new AppError('not_found', '链接无效、已使用或已过期，请联系招商部门重新发送');
  return { link, c };
}

export async function readCommitmentLink(db: Tx, token: string) {
  const { link, c } = await liveLink(db, token);
  const s = await getSettings(db);
  return {
    projectName: c.project_name,
    title: c.title,
    fulfilledOn: c.fulfilled_on,
    evidence: c.evidence,
    expiresAt: link.expires_at,
    cityName: s.cityName,
  };
}

/** The investor's answer; a dispute sets investor_check = 'disputed', which supervision lists. */
export async function answerCommitmentLink(tx: Tx, token: string, answer: 'confirm' | 'dispute', comment: string | undefined) {
  const { link, c } = await liveLink(tx, token);
  const t = nowIso();
  const used = await tx
    .updateTable('commitment_links')
    .set({ used_at: t })
    .where('id', '=', link.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new AppError('not_found', '链接已使用，请勿重复提交');
  const check = answer === 'confirm' ? 'confirmed' : 'disputed';
  await tx
    .updateTable('commitments')
    .set({ investor_check: check, investor_comment: comment || null, investor_checked_at: t })
    .where('id', '=', c.id)
    .execute();
  await audit(tx, PUBLIC_ACTOR, {
    action: 'update',
    entity: 'commitment',
    entityId: Number(c.id),
    unitCode: c.unit_code,
    summary: `投资方${answer === 'confirm' ? '确认' : '异议'}承诺兑现：${c.project_name}「${c.title}」${comment ? `：${comment}` : ''}`,
    after: { investorCheck: check },
  });
  return { result: check as 'confirmed' | 'disputed' };
}

/** For supervision: commitments the investor disputed (in the actor's scope). */
export async function disputedCommitments(db: Tx, actor: Actor) {
  const rows = await scoped(
    db.selectFrom('commitments').innerJoin('projects', 'projects.id', 'commitments.project_id'),
    'projects.unit_code',
    actor,
  )
    .select([
      'commitments.id',
      'commitments.project_id',
      'projects.code',
      'projects.name',
      'projects.unit_code',
      'commitments.title',
      'commitments.fulfilled_on',
      'commitments.investor_check',
      'commitments.investor_comment',
      'commitments.investor_checked_at',
    ])
    .where('commitments.investor_check', '=', 'disputed')
    .orderBy('commitments.investor_checked_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    projectId: Number(r.project_id),
    projectCode: r.code,
    projectName: r.name,
    unitCode: r.unit_code,
    title: r.title,
    fulfilledOn: r.fulfilled_on,
    investorCheck: r.investor_check ?? 'disputed',
    investorComment: r.investor_comment,
    investorCheckedAt: r.investor_checked_at,
  }));
}
