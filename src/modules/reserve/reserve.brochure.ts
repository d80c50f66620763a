// The one-page brochure of a reserve project, in Chinese or English, ready to hand to an investor:
// the project, its market and advantages, the city's advantages, the investor's figures with a
// sensitivity line and a cash-flow chart. The chart is drawn by ECharts on the server (SVG) and
// rasterised with resvg, so the Word file shows the same chart as the web page.
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { wanText } from '../../domain/finance';
import { REVIEW_VERDICT_LABELS, type FinanceDto, type ReserveDetail } from '../../contracts/reserve';

export type Lang = 'zh' | 'en';
const CHART_FONT = 'WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif';

/** The cash-flow chart (yearly net flow as bars, cumulative as a line, in 万元 / 10k yuan) as SVG. */
export function cashFlowChartSvg(flows: number[], lang: Lang, width = 760, height = 300): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let cum = 0;
  const cumulative = flows.map((f) => (cum += f));
  const wan = (x: number) => Math.round(x / 100) / 100;
  const zh = lang === 'zh';
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: {
      text: zh ? '年净现金流与累计现金流（万元）' : 'Net and cumulative cash flow (10k CNY)',
      left: 'center',
      textStyle: { fontSize: 14, fontFamily: CHART_FONT },
    },
    legend: { bottom: 0, data: [zh ? '年净现金流' : 'Net cash flow', zh ? '累计现金流' : 'Cumulative'] },
    grid: { left: 70, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: flows.map((_f, t) => (zh ? `第${t}年` : `Y${t}`)) },
    yAxis: { type: 'value' },
    series: [
      {
        name: zh ? '年净现金流' : 'Net cash flow',
        type: 'bar',
        itemStyle: { color: '#1677ff' },
        data: flows.map((f) => ({ value: wan(f), itemStyle: { color: f < 0 ? '#cf1322' : '#1677ff' } })),
      },
      { name: zh ? '累计现金流' : 'Cumulative', type: 'line', data: cumulative.map(wan), itemStyle: { color: '#fa8c16' } },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export function svgToPng(svg: string, width: number): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'WenQuanYi Micro Hei' },
    background: '#ffffff',
  });
  return Buffer.from(r.render().asPng());
}

const pct = (x: number | null, none: string) => (x === null ? none : `${(x * 100).toFixed(2)}%`);
const yrs = (x: number | null, none: string, unit: string) => (x === null ? none : `${x.toFixed(1)}${unit}`);

function labels(lang: Lang) {
  return lang === 'zh'
    ? {
        sub: '招商引资推介项目',
        unit: '所在单位',
        industry: '行业',
        location: '建设地点',
        total: '总投资',
        wan: '万元',
        description: '项目概况',
        market: '市场前景',
        advantages: '政策与资源优势',
        city: '城市优势',
        figures: '投资测算',
        npv: '净现值',
        irr: '内部收益率',
        payback: '静态回收期',
        dpayback: '动态回收期',
        roi: '投资回报率',
        rate: '折现率',
        none: '无',
        never: '测算期内不能收回',
        year: '年',
        sens: '敏感性（净现值，万元）',
        revenue: '收入',
        investment: '投资',
        review: '专家论证',
        noFigures: '尚未录入现金流测算。',
        contact: '联系：',
        notProvided: '（暂无）',
      }
    : {
        sub: 'Investment opportunity',
        unit: 'Promoted by',
        industry: 'Industry',
        location: 'Location',
        total: 'Total investment',
        wan: '10k CNY',
        description: 'The project',
        market: 'Market outlook',
        advantages: 'Policy and resource advantages',
        city: 'Why our city',
        figures: 'Financial case',
        npv: 'NPV',
        irr: 'IRR',
        payback: 'Payback',
        dpayback: 'Discounted payback',
        roi: 'ROI',
        rate: 'discount rate',
        none: 'n/a',
        never: 'not within the horizon',
        year: ' yrs',
        sens: 'Sensitivity (NPV, 10k CNY)',
        revenue: 'Revenue',
        investment: 'Investment',
        review: 'Expert review',
        noFigures: 'Cash-flow estimates not entered yet.',
        contact: 'Contact: ',
        notProvided: '(not provided)',
      };
}

const FONT = { eastAsia: '微软雅黑', ascii: 'Arial', hAnsi: 'Arial' };
const run = (text: string, o: { bold?: boolean; size?: number; color?: string } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? 19, bold: o.bold, color: o.color });
const heading = (text: string) =>
  new Paragraph({ spacing: { before: 100, after: 40 }, children: [run(text, { bold: true, size: 22, color: '1F4E79' })] });
const para = (text: string) => new Paragraph({ spacing: { after: 40, line: 280 }, children: [run(text)] });
const thin = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };
const cell = (text: string, bold = false) =>
  new TableCell({
    borders: { top: thin, bottom: thin, left: thin, right: thin },
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { bold, size: 18 })] })],
  });
const row = (cells: string[], bold = false) => new TableRow({ children: cells.map((c) => cell(c, bold)) });

export interface BrochureContext {
  cityName: string;
  cityAdvantages: string | null;
  contact: string | null;
}

/** Builds the brochure (.docx). Missing English texts fall back to the Chinese ones. */
export async function buildBrochure(p: ReserveDetail, lang: Lang, ctx: BrochureContext): Promise<Buffer> {
  const L = labels(lang);
  const en = lang === 'en';
  const pick = (zh: string | null, english: string | null) => (en ? english || zh : zh) || L.notProvided;
  const f: FinanceDto | null = p.finance;
  const c = en ? ': ' : '：';
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(en ? p.nameEn || p.name : p.name, { bold: true, size: 34 })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(`${ctx.cityName} · ${L.sub}`, { size: 20, color: '595959' })],
    }),
    para(
      `${L.unit}${c}${p.unitName ?? p.unitCode}    ${L.industry}${c}${p.industry ?? L.notProvided}    ${L.location}${c}${p.location ?? L.notProvided}    ${L.total}${c}${wanText(p.totalInvestmentYuan)} ${L.wan}`,
    ),
    heading(L.description),
    para(pick(p.description, p.descriptionEn)),
    heading(L.market),
    para(pick(p.marketOutlook, p.marketOutlookEn)),
    heading(L.advantages),
    para(pick(p.advantages, p.advantagesEn)),
  ];
  if (ctx.cityAdvantages) children.push(heading(L.city), para(ctx.cityAdvantages));
  children.push(heading(L.figures));
  if (f && p.cashflow) {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          row(
            [
              en
                ? `${L.npv} (${L.rate} ${pct(p.cashflow.discountRate, L.none)})`
                : `${L.npv}（${L.rate} ${pct(p.cashflow.discountRate, L.none)}）`,
              L.irr,
              L.payback,
              L.dpayback,
              L.roi,
            ],
            true,
          ),
          row([
            `${wanText(f.npv)} ${L.wan}`,
            pct(f.irr, L.none),
            yrs(f.paybackYears, L.never, L.year),
            yrs(f.discountedPaybackYears, L.never, L.year),
            pct(f.roi, L.none),
          ]),
        ],
      }),
    );
    const sens = (v: 'revenue' | 'investment') => f.sensitivity.filter((s) => s.variable === v).map((s) => wanText(s.npv));
    children.push(new Paragraph({ spacing: { before: 80 }, children: [run(L.sens, { bold: true, size: 18 })] }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          row(['', '-20%', '-10%', '0', '+10%', '+20%'], true),
          row([L.revenue, ...sens('revenue')]),
          row([L.investment, ...sens('investment')]),
        ],
      }),
    );
    const png = svgToPng(cashFlowChartSvg(f.flows, lang), 1520);
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 80 },
        children: [new ImageRun({ type: 'png', data: png, transformation: { width: 600, height: 237 } })],
      }),
    );
  } else children.push(para(L.noFigures));
  if (p.review.verdict || p.review.experts) {
    const verdict = p.review.verdict
      ? en
        ? { pass: 'approved', revise: 'approved with revisions', fail: 'not approved' }[p.review.verdict]
        : REVIEW_VERDICT_LABELS[p.review.verdict]
      : '';
    children.push(
      heading(L.review),
      para([p.review.date, verdict, p.review.experts, p.review.comments].filter(Boolean).join(en ? '; ' : '；')),
    );
  }
  if (ctx.contact)
    children.push(
      new Paragraph({ spacing: { before: 120 }, children: [run(`${L.contact}${ctx.contact}`, { size: 18, color: '595959' })] }),
    );
  const doc = new Document({
    creator: ctx.cityName,
    title: p.name,
    sections: [{ properties: { page: { margin: { top: 900, bottom: 900, left: 1000, right: 1000 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
