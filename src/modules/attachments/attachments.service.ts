// Evidence and document attachments, stored in one table for every owner (a fund entry, a project).
// The owner's module checks who may see or change the owner; this file checks the file itself
// (type by extension and first bytes) and reads and writes the rows.
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import type { Actor } from '../auth/actor';
import { nowIso } from '../audit/audit.service';
import { checkUpload } from './upload';

export type AttachmentOwnerType = 'fund_entry' | 'project';
export interface AttachmentOwner {
  type: AttachmentOwnerType;
  id: number;
  unitCode: string;
}
export interface AttachmentRow {
  id: number;
  filename: string;
  mime: string;
  size: number;
  created_by: number | null;
  created_at: string;
}

const COLUMNS = ['id', 'filename', 'mime', 'size', 'created_by', 'created_at'] as const;

export async function listOwnerAttachments(
  db: Tx,
  type: AttachmentOwnerType,
  ownerId: number,
  order: 'asc' | 'desc' = 'asc',
): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachments')
    .select([...COLUMNS])
    .where('owner_type', '=', type)
    .where('owner_id', '=', ownerId)
    .orderBy('id', order)
    .execute();
}

export async function countOwnerAttachments(db: Tx, type: AttachmentOwnerType, ownerId: number): Promise<number> {
  const r = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_type', '=', type)
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Checks the upload against the owner's allowed types and stores it; the caller audits. */
export async function storeAttachment(
  tx: Tx,
  actor: Actor,
  owner: AttachmentOwner,
  file: { filename: string; data: Buffer },
  allowed: readonly string[],
  allowedText: string,
  limit?: { max: number; message: string },
): Promise<AttachmentRow> {
  const { filename, mime } = checkUpload(file.filename, file.data, allowed, allowedText);
  if (limit && (await countOwnerAttachments(tx, owner.type, owner.id)) >= limit.max) throw new AppError('conflict', limit.message);
  return tx
    .insertInto('attachments')
    .values({
      owner_type: owner.type,
      owner_id: owner.id,
      unit_code: owner.unitCode,
      filename,
      mime,
      size: file.data.length,
      data: file.data,
      created_by: actor.userId,
      created_at: nowIso(),
    })
    .returning([...COLUMNS])
    .executeTakeFirstOrThrow();
}

export async function readAttachmentFile(
  db: Tx,
  type: AttachmentOwnerType,
  ownerId: number,
  id: number,
  notFound: string,
): Promise<{ filename: string; mime: string; data: Buffer }> {
  const r = await db
    .selectFrom('attachments')
    .select(['filename', 'mime', 'data'])
    .where('id', '=', id)
    .where('owner_type', '=', type)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!r) throw new AppError('not_found', notFound);
  return { filename: r.filename, mime: r.mime, data: Buffer.from(r.data) };
}

/** Deletes one attachment of the owner and returns what it was, for the caller's audit. */
export async function removeAttachment(
  tx: Tx,
  type: AttachmentOwnerType,
  ownerId: number,
  id: number,
  notFound: string,
): Promise<AttachmentRow> {
  const r = await tx
    .selectFrom('attachments')
    .select([...COLUMNS])
    .where('id', '=', id)
    .where('owner_type', '=', type)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!r) throw new AppError('not_found', notFound);
  await tx.deleteFrom('attachments').where('id', '=', id).execute();
  return r;
}

/** Everything attached to the owners, removed with them (a deleted fund entry). */
export async function removeOwnerAttachments(tx: Tx, type: AttachmentOwnerType, ownerId: number): Promise<void> {
  await tx.deleteFrom('attachments').where('owner_type', '=', type).where('owner_id', '=', ownerId).execute();
}
