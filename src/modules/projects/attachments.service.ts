// Project attachments: at most 10 MB, only office documents, images and archives, checked by
// extension and by the file's first bytes; always served as a download, never rendered inline.
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import type { Attachment } from '../../contracts/projects';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { getProjectInScope } from './projects.service';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
export const ALLOWED_TYPES: Record<string, { mime: string; magic: number[] }> = {
  pdf: { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  jpg: { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  png: { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  zip: { mime: 'application/zip', magic: ZIP },
  doc: { mime: 'application/msword', magic: OLE },
  xls: { mime: 'application/vnd.ms-excel', magic: OLE },
};
const ALLOWED_TEXT = 'PDF、JPG、PNG、XLSX、XLS、DOCX、DOC、ZIP';

const toAttachment = (r: { id: number; filename: string; mime: string; size: number; created_by: number | null; created_at: string }): Attachment => ({
  id: Number(r.id), filename: r.filename, mime: r.mime, size: Number(r.size), createdBy: r.created_by === null ? null : Number(r.created_by), createdAt: r.created_at,
});

/** Checks name, size and content; returns the MIME type to store. */
export function checkUpload(filename: string, data: Buffer): string {
  const ext = (filename.split('.').pop() ?? '').toLowerCase();
  const t = filename.includes('.') ? ALLOWED_TYPES[ext] : undefined;
  if (!t) throw new AppError('unsupported', `不支持的文件类型“${filename}”，只能上传 ${ALLOWED_TEXT}`);
  if (data.length === 0) throw new AppError('validation', '文件是空的，请重新选择', { file: '空文件' });
  if (data.length > MAX_ATTACHMENT_BYTES) throw new AppError('too_large', '文件超过 10 MB，请压缩或拆分后再上传');
  if (!t.magic.every((b, i) => data[i] === b)) {
    throw new AppError('unsupported', `文件“${filename}”的内容与扩展名不符，请确认文件未损坏且类型正确（${ALLOWED_TEXT}）`);
  }
  return t.mime;
}

/** A safe display name: no path, no control characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"<>]/g, '_').slice(0, 200) || 'file';
}

export async function listAttachments(db: Tx, actor: Actor, projectId: number): Promise<Attachment[]> {
  await getProjectInScope(db, actor, projectId);
  const rows = await db.selectFrom('attachments').select(['id', 'filename', 'mime', 'size', 'created_by', 'created_at'])
    .where('owner_type', '=', 'project').where('owner_id', '=', projectId).orderBy('id', 'desc').execute();
  return rows.map(toAttachment);
}

export async function addAttachment(tx: Tx, actor: Actor, projectId: number, filename: string, data: Buffer): Promise<Attachment> {
  requirePermission(actor, 'project.write');
  const p = await getProjectInScope(tx, actor, projectId);
  const name = cleanName(filename);
  const mime = checkUpload(name, data);
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
  const r = await tx.selectFrom('attachments').select(['id', 'filename', 'mime', 'size', 'created_by', 'created_at']).where('id', '=', id)
    .where('owner_type', '=', 'project').where('owner_id', '=', projectId).executeTakeFirst();
  if (!r) throw new AppError('not_found', '附件不存在或无权查看');
  await tx.deleteFrom('attachments').where('id', '=', id).execute();
  await audit(tx, actor, { action: 'delete', entity: 'attachment', entityId: id, unitCode: p.unitCode, summary: `${p.code} 删除附件 ${r.filename}`, before: toAttachment(r) });
}

/** RFC 5987 Content-Disposition that keeps Chinese file names and always downloads. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
