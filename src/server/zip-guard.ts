// Zip bombs are refused before anything is inflated: the central directory (at the end of every zip)
// declares each entry's compressed and uncompressed size, so the totals can be checked from the raw bytes.
// Used for the briefing template (.docx); the ledger branch may use it for .xlsx too.
// Limits: entry count, total uncompressed size, and compression ratio (a 205 KB file that inflates to
// 200 MB has a ratio of ~1000; real Office files stay far below 100).
import { AppError } from '../domain/errors';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxRatio: number;
}
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 100 };

const EOCD = 0x06054b50;
const CEN = 0x02014b50;

export interface ZipSummary {
  entries: number;
  compressedBytes: number;
  uncompressedBytes: number;
}

/** Reads the central directory; throws a 400/413 AppError naming the limit when one is exceeded. */
export function checkZip(buf: Buffer, what: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipSummary {
  const bad = () => new AppError('validation', `${what}不是有效的压缩文件（Office 文档），请在 Office 中另存后重新上传`);
  // The end record sits in the last 22 bytes plus an optional comment of up to 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad();
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new AppError('validation', `${what}使用了 ZIP64 大文件格式，超出允许的大小，请精简后重新上传`);
  }
  if (count > limits.maxEntries) throw new AppError('too_large', `${what}包含 ${count} 个内部文件，超过上限 ${limits.maxEntries}`);
  if (cdOffset + cdSize > eocd) throw bad();
  let p = cdOffset;
  let compressed = 0;
  let uncompressed = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN) throw bad();
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    if (csize === 0xffffffff || usize === 0xffffffff) throw new AppError('validation', `${what}使用了 ZIP64 大文件格式，超出允许的大小`);
    compressed += csize;
    uncompressed += usize;
    if (uncompressed > limits.maxTotalBytes) {
      throw new AppError('too_large', `${what}解压后超过 ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB（可能是“压缩炸弹”），已拒绝`);
    }
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  // Ratios of small files say nothing (a 1 KB file of spaces compresses 100×); judge the whole archive.
  if (uncompressed > 1024 * 1024 && uncompressed > compressed * limits.maxRatio) {
    throw new AppError(
      'too_large',
      `${what}的压缩比异常（解压后是压缩前的 ${Math.round(uncompressed / Math.max(1, compressed))} 倍，可能是“压缩炸弹”），已拒绝`,
    );
  }
  return { entries: count, compressedBytes: compressed, uncompressedBytes: uncompressed };
}
