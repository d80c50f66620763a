// What an uploaded file may be (projects' documents, fund entries' evidence): checked by extension
// and by its first bytes, limited in size, stored under a cleaned name. Never HTML, never scripts.
import { AppError } from '../../domain/errors';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
export const FILE_TYPES: Record<string, { mime: string; magic: number[] }> = {
  pdf: { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  jpg: { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  png: { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  ofd: { mime: 'application/ofd', magic: ZIP },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  zip: { mime: 'application/zip', magic: ZIP },
  doc: { mime: 'application/msword', magic: OLE },
  xls: { mime: 'application/vnd.ms-excel', magic: OLE },
};

/** A safe display name: no path, no control or reserved characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex
  const clean = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .trim()
    .slice(-200);
  return clean || 'file';
}

/**
 * Checks name, size and content against the allowed extensions; returns the cleaned name and the
 * MIME type to store. `allowedText` names the allowed kinds for the message, e.g. "PDF、JPG、PNG".
 */
export function checkUpload(
  rawName: string,
  data: Buffer,
  allowed: readonly string[],
  allowedText: string,
): { filename: string; mime: string } {
  const filename = cleanFilename(rawName);
  const ext = (filename.split('.').pop() ?? '').toLowerCase();
  const t = filename.includes('.') && allowed.includes(ext) ? FILE_TYPES[ext] : undefined;
  if (!t) throw new AppError('unsupported', `不支持的文件类型“${filename}”，只能上传 ${allowedText}`);
  if (data.length === 0) throw new AppError('validation', '文件是空的，请重新选择', { file: '空文件' });
  if (data.length > MAX_UPLOAD_BYTES) throw new AppError('too_large', `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024}MB，请压缩或拆分后再上传`);
  if (!t.magic.every((b, i) => data[i] === b)) {
    throw new AppError('unsupported', `文件“${filename}”的内容与扩展名不符，请确认文件未损坏且类型正确（${allowedText}）`);
  }
  return { filename, mime: t.mime };
}
