// Hostile archives built in code: a bomb (629 MB of zeros in a few hundred KB), too many parts, an
// entry that inflates to more than its directory declares. Each is refused before it costs memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { DB_KINDS, freshDb, login, seedBasics, testApp, type TestDb } from '../../test/harness';
import { SYSTEM_ACTOR } from '../auth/actor';
import { importLedgerFile } from './ledger.import';
import { entryString, listZipEntries } from './ledger.zip';
import { checkZipBuffer, checkZipEntries, checkZipFile, DEFAULT_ZIP_LIMITS } from './zip-guard';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-zipguard-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Deflates `zeros` bytes of zeros without holding them: 1 MB at a time. */
async function deflatedZeros(zeros: number): Promise<Buffer> {
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((res) => d.on('end', res));
  const mb = Buffer.alloc(1024 * 1024);
  for (let left = zeros; left > 0; left -= mb.length) {
    if (!d.write(left >= mb.length ? mb : mb.subarray(0, left))) await new Promise((res) => d.once('drain', res));
  }
  d.end();
  await done;
  return Buffer.concat(out);
}

interface Part {
  name: string;
  data: Buffer;
  size: number;
  method?: number;
}
/** A zip archive: local headers, data, central directory, end record (CRCs left 0: never inflated here). */
function zip(parts: Part[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(p.method ?? 8, 8);
    h.writeUInt32LE(p.data.length, 18);
    h.writeUInt32LE(p.size, 22);
    h.writeUInt16LE(name.length, 26);
    local.push(h, name, p.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(p.method ?? 8, 10);
    c.writeUInt32LE(p.data.length, 20);
    c.writeUInt32LE(p.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

const MB = 1024 * 1024;
let bomb: string;
beforeAll(async () => {
  const data = await deflatedZeros(629 * MB);
  bomb = path.join(tmp, 'bomb.xlsx');
  fs.writeFileSync(
    bomb,
    zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>'), size: 8, method: 0 },
      { name: 'xl/worksheets/sheet1.xml', data, size: 629 * MB },
    ]),
  );
}, 60_000);

describe('zip guard', () => {
  it('refuses a bomb from its directory: 629 MB in well under a megabyte', () => {
    expect(fs.statSync(bomb).size).toBeLessThan(1 * MB);
    const rss = process.memoryUsage().rss;
    const err = (() => {
      try {
        checkZipFile(bomb);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'too_large' });
    expect((err as Error).message).toMatch(/^文件被拒绝：解压后超过 200MB/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(20 * MB);
  });

  it('refuses too many parts and too high a ratio; accepts an ordinary archive', () => {
    const parts = Array.from({ length: DEFAULT_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({
      name: `p${i}`,
      data: Buffer.from('x'),
      size: 1,
      method: 0,
    }));
    expect(() => checkZipBuffer(zip(parts))).toThrow(/压缩包内有 10001 个文件/);
    expect(() => checkZipEntries([{ name: 'xl/worksheets/sheet1.xml', compressedSize: 10_000, size: 5 * MB }])).toThrow(/压缩比超过 200:1/);
    expect(() => checkZipEntries([{ name: 'a', compressedSize: 100, size: 100 * 1024 }])).not.toThrow(); // small parts: no ratio check
    expect(checkZipFile(path.resolve('src/test/fixtures/ledger.xlsx')).length).toBeGreaterThan(5);
    expect(() => checkZipBuffer(Buffer.from('not a zip at all, just text'))).toThrow(/文件已损坏/);
  });

  it('stops inflating an entry that is larger than its directory says', async () => {
    const data = await deflatedZeros(20 * MB);
    const f = path.join(tmp, 'liar.xlsx');
    fs.writeFileSync(f, zip([{ name: 'xl/workbook.xml', data, size: 1000 }]));
    checkZipFile(f); // the directory looks harmless
    const e = listZipEntries(f).get('xl/workbook.xml')!;
    await expect(entryString(f, e)).rejects.toThrow(/beyond its declared size/);
  });
});

describe.each(DB_KINDS)('zip guard at the door (%s)', (kind) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await freshDb(kind);
    await seedBasics(t.db);
    app = await testApp(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('the import and the preview refuse the bomb with a 413 and a clear message', async () => {
    await expect(importLedgerFile(t.db, SYSTEM_ACTOR, bomb)).rejects.toMatchObject({ code: 'too_large' });
    const office = await login(app, 'office');
    const boundary = '----zsbomb';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bomb.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      fs.readFileSync(bomb),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/ledger/preview',
      payload: body,
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(413);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/压缩炸弹/);
  });
});
