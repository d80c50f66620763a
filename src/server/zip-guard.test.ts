import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { checkZip } from './zip-guard';

const zipOf = (files: Record<string, string | Buffer>) => {
  const z = new PizZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data);
  return z.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
};

describe('checkZip', () => {
  it('passes an ordinary archive and reports its sizes', () => {
    const s = checkZip(zipOf({ 'word/document.xml': '<w:document>你好</w:document>', 'a.txt': 'abc' }), '模板');
    expect(s.entries).toBe(2);
    expect(s.uncompressedBytes).toBeGreaterThan(0);
  });
  it('refuses a bomb by its ratio before inflating it', () => {
    const bomb = zipOf({ 'word/document.xml': Buffer.alloc(20 * 1024 * 1024, 0x20) });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(() => checkZip(bomb, '模板')).toThrow(/压缩比异常/);
  });
  it('refuses by total size and entry count', () => {
    const big = zipOf({ a: Buffer.alloc(3 * 1024 * 1024, 1), b: Buffer.alloc(3 * 1024 * 1024, 2) });
    expect(() => checkZip(big, '模板', { maxEntries: 10, maxTotalBytes: 4 * 1024 * 1024, maxRatio: 10_000 })).toThrow(/解压后超过/);
    const many = zipOf(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, 'x'])));
    expect(() => checkZip(many, '模板', { maxEntries: 10, maxTotalBytes: 1e9, maxRatio: 1e9 })).toThrow(/12 个内部文件/);
  });
  it('refuses something that is not a zip', () => {
    expect(() => checkZip(Buffer.from('not a zip at all, just text'), '模板')).toThrow(/不是有效的压缩文件/);
  });
});
