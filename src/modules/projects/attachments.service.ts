// Project attachments: at most 10 MB, only office documents, images and archives, checked by
// extension and by the file's first bytes; always served as a download, never rendered inline.
// Storage is shared with fund evidence (../attachments/attachments.service).
import type { Tx } from '../../db/database';
import type { Attachment } from '../../contracts/projects';
import { audit } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { getProjectInScope } from './projects.service';
import {
  listOwnerAttachments,
  readAttachmentFile,
  removeAttachment,
  storeAttachment,
  type AttachmentRow,
} from '../attachments/attachments.service';
import { assertProjectWritable } from '../auth/scope';

const ALLOWED = ['pdf', 'jpg', 'jpeg', 'png', 'xlsx', 'xls', 'docx', 'doc', 'zip'] as const;
const ALLOWED_TEXT = 'PDF、JPG、PNG、XLSX、XLS、DOCX、DOC、ZIP';
const NOT_FOUND = '附件不存在或无权查看';

const toAttachment = (r: AttachmentRow): Attachment => ({
  id: Number(r.id),
  filename: r.filename,
  mime: r.mime,
  size: Number(r.size),
  createdBy: r.created_by === null ? null : Number(r.created_by),
  createdAt: r.created_at,
});

export async function listAttachments(db: Tx, actor: Actor, projectId: number): Promise<Attachment[]> {
  await getProjectInScope(db, actor, projectId);
  return (await listOwnerAttachments(db, 'project', projectId, 'desc')).map(toAttachment);
}

export async function addAttachment(tx: Tx, actor: Actor, projectId: number, filename: string, data: Buffer): Promise<Attachment> {
  requirePermission(actor, 'project.write');
  const p = await getProjectInScope(tx, actor, projectId);
  assertProjectWritable(actor, p, 'attachment');
  const a = toAttachment(
    await storeAttachment(tx, actor, { type: 'project', id: projectId, unitCode: p.unitCode }, { filename, data }, ALLOWED, ALLOWED_TEXT),
  );
  await audit(tx, actor, {
    action: 'upload',
    entity: 'attachment',
    entityId: a.id,
    unitCode: p.unitCode,
    summary: `${p.code} 上传附件 ${a.filename}`,
    after: a,
  });
  return a;
}

export async function getAttachmentFile(
  db: Tx,
  actor: Actor,
  projectId: number,
  id: number,
): Promise<{ filename: string; mime: string; data: Buffer }> {
  await getProjectInScope(db, actor, projectId);
  return readAttachmentFile(db, 'project', projectId, id, NOT_FOUND);
}

export async function deleteAttachment(tx: Tx, actor: Actor, projectId: number, id: number): Promise<void> {
  requirePermission(actor, 'project.write');
  const p = await getProjectInScope(tx, actor, projectId);
  assertProjectWritable(actor, p, 'attachment');
  const r = await removeAttachment(tx, 'project', projectId, id, NOT_FOUND);
  await audit(tx, actor, {
    action: 'delete',
    entity: 'attachment',
    entityId: id,
    unitCode: p.unitCode,
    summary: `${p.code} 删除附件 ${r.filename}`,
    before: toAttachment(r),
  });
}
