// Every file the server sends back (Excel, Word, attachments) goes out the same way: as a download
// that keeps its Chinese name, never sniffed or rendered as a page.
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

import { DOCX_MIME, XLSX_MIME } from '../contracts/files';

export { DOCX_MIME, XLSX_MIME };

/** RFC 6266/5987 Content-Disposition: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function sendDownload(reply: FastifyReply, file: { filename: string; mime: string; data: Buffer | Uint8Array | Readable }) {
  return reply
    .header('content-type', file.mime)
    .header('content-disposition', contentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.data);
}
