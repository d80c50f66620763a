import { describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import ExcelJS from 'exceljs';
import { DB_KINDS, login } from '../../test/harness';
import { sampleSuite } from '../stats/sample.testutil';
import { nowIso } from '../audit/audit.service';
import { buildDefaultBriefingTemplate } from './briefing.template';

const text = (docx: Buffer) => {
  const xml = new PizZip(docx).file('word/document.xml')!.asText();
  return xml.replace(/<w:p[ >][^]*?<\/w:p>/g, (p) => p.replace(/<[^>]+>/g, '') + '\n').replace(/<[^>]+>/g, '');
};

const FIGURES = [
  '2026年1-5月', '实际到位资金4.22亿元', '完成全年目标（14.00亿元）的30.2%', '时间进度（41.7%）', '同比增长74.6%',
  '利用外资67.00万美元', '域外资金3.15亿元', '省外资金3.13亿元', '境外资金0.07亿元',
  '一季度到位资金1.08亿元，同比下降55.2%', '二季度（4-5月）到位资金3.14亿元',
  '5000万元以上域外重大项目3个，到位资金3.06亿元，占到位资金总额的72.5%', '1000万元以上招商项目2个，总投资2.15亿元',
  '小分队外出招商4次、83人次', '新签约项目4个，总投资7.68亿元', '永吉县、蛟河市',
];

describe.each(DB_KINDS)('dispatch briefing and reports on %s', (kind) => {
  // Two blockers on P0005: one open (the briefing lists it), one resolved (it does not).
  const ctx = sampleSuite(kind, [['office', ['city_office']], ['leader', ['leader']], ['rep1', ['reporter'], 'U01']], async (db) => {
    const p = await db.selectFrom('projects').select('id').where('code', '=', 'P0005').executeTakeFirstOrThrow();
    const ts = nowIso();
    await db.insertInto('blockers').values([
      { project_id: p.id, title: '用地指标尚未落实', coordinating_dept: '市自然资源局', due_date: '2026-06-30', status: 'open', created_at: ts, updated_at: ts },
      { project_id: p.id, title: '已解决的问题', status: 'resolved', created_at: ts, updated_at: ts },
    ]).execute();
  });

  it('previews the briefing text with every figure', async () => {
    const c = await login(ctx.app, 'leader');
    const res = await c.get('/api/v1/reports/briefing?period=2026-05');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    const all = b.sections.map((s: { heading: string; paragraphs: string[] }) => [s.heading, ...s.paragraphs].join('\n')).join('\n');
    for (const f of FIGURES) expect(all).toContain(f);
    expect(all).toContain('医药项目5（市工信局）：用地指标尚未落实');
    expect(all).not.toContain('已解决的问题');
    expect(b.units[0]).toMatchObject({ rank: '1', name: '昌邑区', fundsYi: '2.99亿元', completionText: '30.5%' });
  });

  it('fills the Word template with the same figures, the ranking table and the blockers', async () => {
    const c = await login(ctx.app, 'leader');
    const res = await c.inject({ method: 'GET', url: '/api/v1/reports/briefing.docx?period=2026-05', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const body = text(res.rawPayload);
    for (const f of FIGURES) expect(body).toContain(f);
    expect(body).toContain('昌邑区');
    expect(body).toContain('用地指标尚未落实');
    expect(body).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
    // 8 units → 8 table rows + header
    expect(new PizZip(res.rawPayload).file('word/document.xml')!.asText().match(/<w:tr[ >]/g)!.length).toBe(9);
  });

  it('writes a unit briefing for one unit only', async () => {
    const c = await login(ctx.app, 'rep1');
    const b = (await c.get('/api/v1/reports/briefing?period=2026-05&unit=U02'));
    expect(b.statusCode).toBe(404);
    const own = (await c.get('/api/v1/reports/briefing?period=2026-05')).json();
    expect(own.scopeName).toBe('昌邑区');
    expect(own.sections[0].paragraphs[0]).toContain('昌邑区实际到位资金2.99亿元');
    expect(own.units).toHaveLength(1);
  });

  it('lets the city office upload an edited template, refuses a broken one, and resets', async () => {
    const c = await login(ctx.app, 'office');
    const upload = (buf: Buffer, name = 'my.docx') => {
      const boundary = '----zs' + Math.random().toString(16).slice(2);
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        buf, Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return c.inject({ method: 'POST', url: '/api/v1/reports/briefing-template', payload, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const zip = new PizZip(await buildDefaultBriefingTemplate());
    const xml = zip.file('word/document.xml')!.asText();
    zip.file('word/document.xml', xml.replace('同志们：', '各位同志：本市到位{fundsYi}。'));
    const edited = zip.generate({ type: 'nodebuffer' }) as Buffer;
    const ok = await upload(edited);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().custom).toBe(true);
    const doc = await c.inject({ method: 'GET', url: '/api/v1/reports/briefing.docx?period=2026-05', headers: { cookie: c.cookie } });
    expect(text(doc.rawPayload)).toContain('各位同志：本市到位4.22亿元。');

    const broken = new PizZip(await buildDefaultBriefingTemplate());
    broken.file('word/document.xml', broken.file('word/document.xml')!.asText().replace('{progressText}', '{progressText'));
    const bad = await upload(broken.generate({ type: 'nodebuffer' }) as Buffer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Word模板有误');
    expect((await upload(Buffer.from('not a docx'))).statusCode).toBe(400);

    const leader = await login(ctx.app, 'leader');
    expect((await leader.delete('/api/v1/reports/briefing-template')).statusCode).toBe(403);
    const reset = await c.delete('/api/v1/reports/briefing-template');
    expect(reset.json().custom).toBe(false);
    const tpl = await c.inject({ method: 'GET', url: '/api/v1/reports/briefing-template.docx', headers: { cookie: c.cookie } });
    expect(text(tpl.rawPayload)).toContain('{progressText}');
  });

  it('produces the four Excel reports with merged headers, totals and print setup', async () => {
    const c = await login(ctx.app, 'office');
    for (const name of ['funds-by-unit', 'contracts', 'large-projects', 'foreign']) {
      const res = await c.inject({ method: 'GET', url: `/api/v1/reports/${name}.xlsx?period=2026-05`, headers: { cookie: c.cookie } });
      expect(res.statusCode, name).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(String(ws.getCell(1, 1).value)).toContain('2026年1-5月');
      if (name === 'funds-by-unit') {
        expect(ws.getCell(3, 3).value).toBe('全年目标');
        const last = ws.getRow(ws.rowCount);
        expect(last.getCell(2).value).toBe('全市');
        expect(last.getCell(5).value).toBeCloseTo(42221.4174, 6);
        expect(last.getCell(8).value).toBeCloseTo(0.30158155285714283, 12);
      }
      if (name === 'contracts') {
        expect(ws.getRow(ws.rowCount).getCell(9).value).toBeCloseTo(76837.82, 6);
      }
      if (name === 'foreign') {
        expect(ws.getRow(ws.rowCount).getCell(5).value).toBeCloseTo(67.0008, 6);
      }
    }
    expect((await c.get('/api/v1/reports/nope.xlsx')).statusCode).toBe(404);
  });
});
