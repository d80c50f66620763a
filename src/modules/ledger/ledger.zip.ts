// A minimal zip reader for .xlsx: the central directory, and one entry at a time as a stream of
// correctly decoded UTF-8 text. (ExcelJS's streaming reader decodes each inflated chunk on its
// own, which garbles a Chinese character split across two chunks — nondeterministically — and it
// names sheets only when workbook.xml precedes them. We feed it whole characters instead.)
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Transform, type Readable } from 'node:stream';

/** `size`: the inflated size the directory declares; inflating stops with an error beyond it. */
export interface ZipEntry {
  name: string;
  start: number;
  compSize: number;
  size: number;
  method: number;
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  const n = fs.readSync(fd, b, 0, len, pos);
  return b.subarray(0, n);
}

/** All entries by name. Throws when the zip's directory is missing or broken. */
export function listZipEntries(filePath: string): Map<string, ZipEntry> {
  const out = new Map<string, ZipEntry>();
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLen = Math.min(size, 65_557);
    const tail = readAt(fd, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw new Error('zip end record not found');
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size) throw new Error('zip directory out of range');
    const cd = readAt(fd, cdOffset, cdSize);
    let p = 0;
    while (p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
      const method = cd.readUInt16LE(p + 10);
      const compSize = cd.readUInt32LE(p + 20);
      const inflatedSize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const localOffset = cd.readUInt32LE(p + 42);
      const name = cd.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
      const lh = readAt(fd, localOffset, 30);
      if (lh.length < 30 || lh.readUInt32LE(0) !== 0x04034b50) throw new Error('zip local header broken');
      const start = localOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
      if (start + compSize > size) throw new Error('zip entry out of range');
      out.set(name, { name, start, compSize, size: inflatedSize, method });
    }
    if (out.size === 0) throw new Error('zip is empty');
  } finally {
    fs.closeSync(fd);
  }
  return out;
}

/** One entry as a stream of text (whole characters). */
export function entryText(filePath: string, e: ZipEntry): Readable {
  const raw =
    e.compSize === 0
      ? fs.createReadStream(filePath, { start: 0, end: -1 })
      : fs.createReadStream(filePath, { start: e.start, end: e.start + e.compSize - 1, highWaterMark: 256 * 1024 });
  const inflated = e.method === 0 || e.compSize === 0 ? raw : raw.pipe(zlib.createInflateRaw());
  if (inflated !== raw) raw.on('error', (err) => inflated.destroy(err));
  // The directory's sizes were checked before (zip-guard.ts); an entry that inflates to more than
  // it declared is lying and is cut off, so memory stays within what was checked.
  let seen = 0;
  const s = inflated.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > e.size + 1024) done(new Error(`zip entry ${e.name} inflates beyond its declared size`));
        else done(null, chunk);
      },
    }),
  );
  inflated.on('error', (err: Error) => s.destroy(err));
  s.setEncoding('utf8');
  return s;
}

export async function entryString(filePath: string, e: ZipEntry): Promise<string> {
  let out = '';
  for await (const chunk of entryText(filePath, e)) out += chunk as string;
  return out;
}

/** Workbook order of sheets: name and zip path of each. */
export async function xlsxSheets(
  filePath: string,
  entries: Map<string, ZipEntry>,
): Promise<{ name: string; path: string; fileNo: string }[]> {
  const wbE = entries.get('xl/workbook.xml');
  const relE = entries.get('xl/_rels/workbook.xml.rels');
  if (!wbE || !relE) throw new Error('workbook.xml missing');
  const wb = await entryString(filePath, wbE);
  const rels = await entryString(filePath, relE);
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t);
  }
  const out: { name: string; path: string; fileNo: string }[] = [];
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const t = rid ? target.get(rid) : undefined;
    if (!name || !t) continue;
    const path = t.startsWith('/') ? t.slice(1) : `xl/${t}`;
    out.push({ name: decodeXml(name), path, fileNo: /sheet(\d+)\.xml$/.exec(path)?.[1] ?? '' });
  }
  return out;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Merged ranges (e.g. "B1:C1") of a sheet that touch row 1, read by streaming the sheet XML. */
export async function mergedHeaderRanges(filePath: string, e: ZipEntry): Promise<string[]> {
  const out: string[] = [];
  let carry = '';
  for await (const chunk of entryText(filePath, e)) {
    const text = carry + (chunk as string);
    for (const m of text.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
      if (Number(m[2]) === 1) out.push(`${m[1]}${m[2]}:${m[3]}${m[4]}`);
    }
    carry = text.slice(-200);
  }
  return [...new Set(out)];
}
