// Project attachments: at most 10 MB, only office documents, images and archives, checked by
// extension and by the file's first bytes; always served as a download, never rendered inline.
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import type { Attachment } from '../../contracts/projects';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { getProjectInScope } from './projects.service';
import { assertProjectWritable } from '../auth/scope';
import { checkUpload } from '../attachments/upload';

const ALLOWED = ['pdf', 'jpg', 'jpeg', 'png', 'xlsx', 'xls', 'docx', 'doc', 'zip'] as const;
const ALLOWED_TEXT = 'PDF、JPG、PNG、XLSX、XLS、DOCX、DOC、ZIP';

const toAttachment = (r: { id: number; filename: string; mime: string; size: number; created_by: number | null; created_at: string }): Attachment => ({
  id: Number(r.id), filename: r.filename, mime: r.mime, size: Number(r.size), createdBy: r.created_by === null ? null : Number(r.created_by), createdAt: r.created_at,
});

export async function listAttachments(db: Tx, actor: Actor, projectId: number): Promise<Attachment[]> {
  await getProjectInScope(db, actor, projectId);
  const rows = await db.selectFrom('attachments').select(['id', 'filename', 'mime', 'size', 'created_by', 'created_at'])
    .where('owner_type', '=', 'project').where('owner_id', '=', projectId).orderBy('id', 'desc').execute();
  return rows.map(toAttachment);
}

export async function addAttachment(tx: Tx, actor: Actor, projectId: number, filename: string, data: Buffer): Promise<Attachment> {
  requirePermission(actor, 'project.write');
  const p = await getProjectInScope(tx, actor, projectId);
  assertProjectWritable(actor, p, 'attachment');
  const { filename: name, mime } = checkUpload(filename, data, ALLOWED, ALLOWED_TEXT);
  const row = await tx.insertInto('attachments').values({
    owner_type: 'project', owner_id: projectId, unit_code: p.unitCode, filename: name, mime, size: data.length, data,
    created_by: actor.userId, created_at: nowIso(),
  }).returning(['id', 'filename', 'mime', 'size', 'created_by', 'created_at']).executeTakeFirstOrThrow();
  const a = toAttachment(row);
  await audit(tx, actor, { action: 'upload', entity: 'attachment', entityId: a.id, unitCode: p.unitCode, summary: `${p.code} 上传附件 ${name}`, after: a });
  return a;
}

export async function getAttachmentFile(db: Tx, actor: Actor, projectId: number, id: number): Promise<{ filename: string; mime: string; data: Buffer }> {
  await getProjectInScope(db, actor, projectId);
  const r = await db.selectFrom('attachments').select(['filename', 'mime', 'data']).where('id', '=', id)
    .where('owner_type', '=', 'project').where('owner_id', '=', projectId).executeTakeFirst();
  if (!r) throw new AppError('not_found', '附件不存在或无权查看');
  return { filename: r.filename, mime: r.mime, data: Buffer.from(r.data) };
}

export async function deleteAttachment(tx: Tx, actor: Actor, projectId: number, id: number): Promise<void> {
  requirePermission(actor, 'project.write');
  const p = await getProjectInScope(tx, actor, projectId);
  assertProjectWritable(actor, p, 'attachment');
  const r = await tx.selectFrom('attachments').select(['id', 'filename', 'mime', 'size', 'created_by', 'created_at']).where('id', '=', id)
    .where('owner_type', '=', 'project').where('owner_id', '=', projectId).executeTakeFirst();
  if (!r) throw new AppError('not_found', '附件不存在或无权查看');
  await tx.deleteFrom('attachments').where('id', '=', id).execute();
  await audit(tx, actor, { action: 'delete', entity: 'attachment', entityId: id, unitCode: p.unitCode, summary: `${p.code} 删除附件 ${r.filename}`, before: toAttachment(r) });
}
