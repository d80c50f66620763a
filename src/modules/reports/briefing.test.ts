import { describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import ExcelJS from 'exceljs';
import { DB_KINDS, login } from '../../test/harness';
import { sampleSuite } from '../stats/sample.testutil';
import { buildDefaultBriefingTemplate } from './briefing.template';

const text = (docx: Buffer) => {
  const xml = new PizZip(docx).file('word/document.xml')!.asText();
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => p.replace(/<[^>]+>/g, '') + '\n').replace(/<[^>]+>/g, '');
};

const FIGURES = [
  '2026年1-5月',
  '实际到位资金4.22亿元',
  '完成全年确保目标（14.00亿元）的30.2%',
  '力争目标（16.00亿元）的26.4%',
  '落后时间进度11.5个百分点（时间进度41.7%）',
  '同比增长74.6%',
  '利用外资67.00万美元',
  '域外资金3.15亿元',
  '省外资金3.13亿元（含境外0.07亿元）',
  '距年底还有7个月，需月均到位1.40亿元才能完成确保目标，完成力争目标需月均到位1.68亿元',
  '一季度到位资金1.08亿元，同比下降55.2%',
  '二季度（4-5月）到位资金3.14亿元',
  '5000万元以上域外重大项目3个，到位资金3.06亿元，占到位资金总额的72.5%',
  '1000万元以上招商项目2个，总投资2.15亿元',
  '招商小分队外出招商4次、83人次',
  '新签约项目4个，总投资7.68亿元',
  '新开工项目1个，总投资0.08亿元',
  '暂无新投产项目',
  '截至5月底，在库项目中合同签约5个、开工3个、投产2个',
  '3笔到位资金共3.60亿元尚未核实，未计入以上数字',
  '5个单位5月月报尚未报送',
  '本材料招商引资额含本地投资方到位资金',
  '永吉县、蛟河市',
  '完成确保目标各单位需月均到位：昌邑区0.97亿元',
  '需要协调解决的困难问题3个，其中逾期未解决1个；未兑现的承诺事项1个，其中逾期1个。现将逾期的1个问题和投资额较大项目的1个问题通报如下（全部清单见附件）：',
  '医药项目5（市工信局）：审批手续未办结（协调部门：市政务服务局），要求2026-04-30前解决，逾期31天。',
  '逾期未兑现的承诺事项1个：',
  '：协助办理环评，应于2026-05-21前兑现，逾期10天。',
];

describe.each(DB_KINDS)('dispatch briefing and reports on %s', (kind) => {
  // On P0005, as of 31 May 2026: one blocker overdue, two open and not due, one resolved, one raised in
  // June (not yet open then); one commitment overdue. briefingTopBlockers = 1 reads out the overdue
  // one and the largest project's (both on P0005 here: the earlier due date first), the annex has all.
  const ctx = sampleSuite(
    kind,
    [
      ['office', ['city_office']],
      ['leader', ['leader']],
      ['rep1', ['reporter'], 'U01'],
    ],
    async (db) => {
      const p = await db.selectFrom('projects').select('id').where('code', '=', 'P0005').executeTakeFirstOrThrow();
      const ts = '2026-04-01T08:00:00.000Z';
      await db.insertInto('settings').values({ key: 'briefingTopBlockers', value: '1', updated_at: ts }).execute();
      await db
        .insertInto('blockers')
        .values([
          {
            project_id: p.id,
            title: '用地指标尚未落实',
            coordinating_dept: '市自然资源局',
            due_date: '2026-06-30',
            status: 'open',
            created_at: ts,
            updated_at: ts,
          },
          {
            project_id: p.id,
            title: '审批手续未办结',
            coordinating_dept: '市政务服务局',
            due_date: '2026-04-30',
            status: 'open',
            created_at: ts,
            updated_at: ts,
          },
          { project_id: p.id, title: '排水管网待接入', due_date: '2026-09-30', status: 'open', created_at: ts, updated_at: ts },
          { project_id: p.id, title: '已解决的问题', status: 'resolved', resolved_on: '2026-05-02', created_at: ts, updated_at: ts },
          { project_id: p.id, title: '六月才提出的问题', status: 'open', created_at: '2026-06-03T08:00:00.000Z', updated_at: ts },
        ])
        .execute();
      await db
        .insertInto('commitments')
        .values({ project_id: p.id, title: '协助办理环评', due_date: '2026-05-21', status: 'pending', created_at: ts, updated_at: ts })
        .execute();
    },
  );

  it('previews the briefing text with every figure', async () => {
    const c = await login(ctx.app, 'leader');
    const res = await c.get('/api/v1/reports/briefing?period=2026-05');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    const all = b.sections.map((s: { heading: string; paragraphs: string[] }) => [s.heading, ...s.paragraphs].join('\n')).join('\n');
    for (const f of FIGURES) expect(all).toContain(f);
    expect(all).toContain('医药项目5（市工信局）：用地指标尚未落实（协调部门：市自然资源局），要求2026-06-30前解决。');
    expect(all).not.toContain('已解决的问题');
    expect(all).not.toContain('六月才提出的问题');
    // Read out: the overdue one and the top-1 of the rest; the third is only in the annex.
    expect(b.blockers.map((x: { title: string }) => x.title)).toEqual(['审批手续未办结', '用地指标尚未落实']);
    expect(b.annex.map((x: { title: string }) => x.title)).toEqual([
      '审批手续未办结',
      '用地指标尚未落实',
      '排水管网待接入',
      '协助办理环评',
    ]);
    expect(b.sections[2].paragraphs.join('')).not.toContain('排水管网待接入');
    expect(b.sections[3].heading).toBe('附件：困难问题和承诺事项清单');
    expect(b.sections[3].paragraphs[0]).toBe('1. 【困难问题】医药项目5（市工信局）：审批手续未办结，期限2026-04-30，逾期31天');
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
    expect(body).toContain('附件：困难问题和承诺事项清单');
    expect(body).toContain('排水管网待接入');
    expect(body).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
    const zip = new PizZip(res.rawPayload);
    const xml = zip.file('word/document.xml')!.asText();
    // 8 units → 8 table rows + header; the annex: 4 items + header
    expect(xml.match(/<w:tr[ >]/g)!.length).toBe(9 + 5);
    // Every heading is kept with the next paragraph; the footer numbers the pages.
    const headings = xml.match(/<w:p>(?:(?!<\/w:p>).)*?(?:一、|二、|三、|四、|附件：)(?:(?!<\/w:p>).)*?<\/w:p>/g) ?? [];
    const bold = headings.filter((x) => x.includes('黑体'));
    expect(bold).toHaveLength(5);
    for (const h of bold) expect(h).toContain('<w:keepNext/>');
    const footer = Object.keys(zip.files)
      .filter((f) => /word\/footer\d*\.xml/.test(f))
      .map((f) => zip.file(f)!.asText())
      .join('');
    expect(footer).toMatch(/PAGE/);
    // No empty paragraph is left where an optional text was blank.
    expect(body).not.toMatch(/\n\n\n/);
  });

  it('writes a unit briefing for one unit only', async () => {
    const c = await login(ctx.app, 'rep1');
    const b = await c.get('/api/v1/reports/briefing?period=2026-05&unit=U02');
    expect(b.statusCode).toBe(404);
    const own = (await c.get('/api/v1/reports/briefing?period=2026-05')).json();
    expect(own.scopeName).toBe('昌邑区');
    expect(own.sections[0].paragraphs[0]).toContain('昌邑区实际到位资金2.99亿元');
    expect(own.units).toHaveLength(1);
  });

  it('leaves out of a unit’s briefing every line whose figures are all zero', async () => {
    const c = await login(ctx.app, 'leader');
    const res = await c.get('/api/v1/reports/briefing?period=2026-05&unit=U03');
    expect(res.statusCode).toBe(200);
    const all = res
      .json()
      .sections.map((s: { paragraphs: string[] }) => s.paragraphs.join('\n'))
      .join('\n');
    expect(all).toContain('永吉县实际到位资金0.00亿元');
    expect(all).not.toMatch(/(^|[^\d.])0(次|人次|个)/);
    expect(all).not.toContain('小分队');
    expect(all).toContain('仍无实绩');
    const doc = await c.inject({
      method: 'GET',
      url: '/api/v1/reports/briefing.docx?period=2026-05&unit=U03',
      headers: { cookie: c.cookie },
    });
    const body = text(doc.rawPayload);
    expect(body).not.toMatch(/(^|[^\d.])0(次|人次|个)/);
    expect(body).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
  });

  it('lets the city office upload an edited template, refuses a broken one, and resets', async () => {
    const c = await login(ctx.app, 'office');
    const upload = (buf: Buffer, name = 'my.docx') => {
      const boundary = '----zs' + Math.random().toString(16).slice(2);
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        buf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return c.inject({
        method: 'POST',
        url: '/api/v1/reports/briefing-template',
        payload,
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
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
