// Checks a zip archive (.xlsx, .docx) from its central directory BEFORE anything is inflated: how many
// entries, how many bytes they inflate to in total, and each entry's compression ratio. A 627 KB
// file that would inflate to 629 MB is refused here, reading a few kilobytes. Reusable for any
// uploaded Office file (the ledger; the briefing template). The sizes a directory declares can lie,
// so whoever inflates must also stop at the declared size (ledger.zip.ts does).
import fs from 'node:fs';
import { AppError } from '../../domain/errors';

export interface ZipLimits {
  /** most entries the archive may hold */
  maxEntries: number;
  /** most bytes all entries may inflate to together */
  maxTotalBytes: number;
  /** highest inflated:compressed ratio of one entry (checked for entries above ratioFloorBytes) */
  maxRatio: number;
  /** entries inflating to less than this are not ratio-checked (tiny XML parts compress very well) */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipDirEntry {
  name: string;
  compressedSize: number;
  size: number;
}

const MB = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;

function tooLarge(what: string): AppError {
  return new AppError(
    'too_large',
    `文件被拒绝：${what}。这不像正常的 Office 文件（可能是“压缩炸弹”），请在 Excel/Word 中打开后另存一份再上传。`,
  );
}

/** The entries of a zip's central directory (ZIP64 understood). Throws AppError('validation') when there is none. */
export function readZipDirectory(read: (pos: number, len: number) => Buffer, size: number): ZipDirEntry[] {
  const broken = () => new AppError('validation', '文件已损坏，无法读取（不是完整的压缩文件）。请重新保存后上传。');
  const tailLen = Math.min(size, 65_557);
  const tail = read(size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw broken();
  const count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== 0x07064b50) throw broken();
    const z64At = Number(tail.readBigUInt64LE(loc + 8));
    const z64 = read(z64At, 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== 0x06064b50) throw broken();
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw broken();
  // The directory itself is bounded by the file size (≤ the upload limit), so reading it is cheap.
  const cd = read(cdOffset, cdSize);
  const out: ZipDirEntry[] = [];
  let p = 0;
  while (p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressed = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const name = cd.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (uncompressed === 0xffffffff || compressedSize === 0xffffffff) {
      // ZIP64 extended information: the 64-bit sizes, in this order, for the fields set to 0xFFFFFFFF.
      const extra = cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
      for (let q = 0; q + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(q);
        const len = extra.readUInt16LE(q + 2);
        if (id === 0x0001) {
          let r = q + 4;
          if (uncompressed === 0xffffffff && r + 8 <= q + 4 + len) {
            uncompressed = Number(extra.readBigUInt64LE(r));
            r += 8;
          }
          if (compressedSize === 0xffffffff && r + 8 <= q + 4 + len) compressedSize = Number(extra.readBigUInt64LE(r));
        }
        q += 4 + len;
      }
    }
    out.push({ name, compressedSize, size: uncompressed });
    p += 46 + nameLen + extraLen + cd.readUInt16LE(p + 32);
  }
  return out;
}

/** Refuses (413) an archive beyond the limits, from its directory alone. */
export function checkZipEntries(entries: readonly ZipDirEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (entries.length > limits.maxEntries) throw tooLarge(`压缩包内有 ${entries.length} 个文件，超过上限 ${limits.maxEntries} 个`);
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > limits.maxTotalBytes) throw tooLarge(`解压后超过 ${MB(limits.maxTotalBytes)}`);
    if (e.size >= limits.ratioFloorBytes && e.size > e.compressedSize * limits.maxRatio) {
      throw tooLarge(`其中“${e.name.slice(0, 80)}”压缩比超过 ${limits.maxRatio}:1（${MB(e.compressedSize)} 解压为 ${MB(e.size)}）`);
    }
  }
}

/** Reads the directory of a zip file and checks it (only the tail and the directory are read). */
export function checkZipFile(filePath: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipDirEntry[] {
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const entries = readZipDirectory((pos, len) => {
      const b = Buffer.alloc(Math.max(0, Math.min(len, size - pos)));
      const n = fs.readSync(fd, b, 0, b.length, pos);
      return b.subarray(0, n);
    }, size);
    checkZipEntries(entries, limits);
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** The same for an archive held in memory (e.g. an uploaded template). */
export function checkZipBuffer(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipDirEntry[] {
  const entries = readZipDirectory((pos, len) => buf.subarray(Math.max(0, pos), Math.max(0, pos) + len), buf.length);
  checkZipEntries(entries, limits);
  return entries;
}
