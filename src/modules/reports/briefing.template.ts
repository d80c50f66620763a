// The default Word template of the dispatch briefing, built with the `docx` package. Placeholders
// are written as single runs ({name}) so docxtemplater finds them; the city office edits a copy.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const HEAD_FONT = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const TITLE_FONT = { eastAsia: '方正小标宋简体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

const body = (text: string) =>
  new Paragraph({
    children: [new TextRun({ text, font: BODY_FONT, size: 32 })],
    indent: { firstLine: 640 },
    spacing: { line: 560 },
    alignment: AlignmentType.JUSTIFIED,
  });
const plain = (text: string) => new Paragraph({ children: [new TextRun({ text, font: BODY_FONT, size: 32 })], spacing: { line: 560 } });
// Headings stay with the paragraph after them, so none is left alone at the foot of a page.
const heading = (text: string, pageBreakBefore = false) =>
  new Paragraph({
    children: [new TextRun({ text, font: HEAD_FONT, size: 32 })],
    indent: { firstLine: 640 },
    spacing: { line: 560 },
    keepNext: true,
    keepLines: true,
    pageBreakBefore,
  });
/** A loop or condition marker paragraph; kept with the next one so that it never splits a heading from its text. */
const marker = (text: string) => new Paragraph({ children: [new TextRun({ text, font: BODY_FONT, size: 32 })], keepNext: true });
/** A paragraph that disappears when its text is empty (the condition markers are removed by paragraphLoop). */
const optional = (name: string) => [marker(`{#${name}}`), body(`{${name}}`), plain(`{/${name}}`)];

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cell = (text: string, bold = false, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER) =>
  new TableCell({
    children: [new Paragraph({ alignment: align, children: [new TextRun({ text, bold, font: BODY_FONT, size: 18 })] })],
    borders: { top: border, bottom: border, left: border, right: border },
  });

/** 「— 3 —」 centred at the foot of every page, as official documents number their pages. */
const pageFooter = new Footer({
  children: [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({
          children: ['— ', PageNumber.CURRENT, ' —'],
          font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' },
          size: 28,
        }),
      ],
    }),
  ],
});

let cached: Buffer | null = null;

export async function buildDefaultBriefingTemplate(): Promise<Buffer> {
  if (cached) return cached;
  const header = ['名次', '单位', '确保目标', '累计到位', '完成率', '同比', '与时间进度比较', '月均需到位'];
  const annexHeader = ['序号', '类别', '项目', '承办单位', '问题或承诺', '期限', '逾期'];
  const doc = new Document({
    creator: '招商引资调度平台',
    title: '招商引资工作调度会讲话稿模板',
    styles: { default: { document: { run: { font: BODY_FONT, size: 32 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        footers: { default: pageFooter },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: '{title}', font: TITLE_FONT, size: 44 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: '（{periodText}）', font: BODY_FONT, size: 32 })],
          }),
          plain('同志们：'),
          body('今天召开调度会，通报{periodText}招商引资工作进展情况，分析存在的问题，部署下一步工作。'),
          // The monthly loop ([G]): the last meeting's decisions and where each stands.
          marker('{#decisionsIntro}'),
          heading('上次调度会议定事项落实情况'),
          body('{decisionsIntro}'),
          plain('{/decisionsIntro}'),
          plain('{#decisions}'),
          body('{index}. {title}（{unitName}，{deadline}前）：{statusText}。'),
          plain('{/decisions}'),
          heading('一、{periodText}{who}招商引资工作进展情况'),
          body('{progressText}'),
          ...optional('forecastText'),
          ...optional('quartersText'),
          ...optional('projectsText'),
          ...optional('pendingText'),
          body('{countingRuleText}'),
          heading('二、各地各部门完成情况'),
          body('{rankingText}'),
          new Table({
            // Fixed column widths filling the text width of the page (A4 less margins = 8844 twips), so
            // that Word and WPS/LibreOffice lay it out alike and amounts do not wrap. 小五 (9 pt) text.
            width: { size: 8844, type: WidthType.DXA },
            columnWidths: [620, 1330, 1050, 1050, 760, 1300, 1640, 1094],
            layout: TableLayoutType.FIXED,
            rows: [
              new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h) => cell(h, true)) }),
              new TableRow({
                cantSplit: true,
                children: [
                  cell('{#units}{rank}'),
                  cell('{name}'),
                  cell('{targetYi}'),
                  cell('{fundsYi}'),
                  cell('{completionText}'),
                  cell('{yoyText}'),
                  cell('{gapText}'),
                  cell('{monthlyNeededText}{/units}'),
                ],
              }),
            ],
          }),
          ...optional('behindText'),
          ...optional('zeroText'),
          ...optional('unitsNeedText'),
          heading('三、需要协调解决的困难问题和承诺事项'),
          body('{blockersIntro}'),
          plain('{#blockers}'),
          body(
            '{index}. {projectName}（{unitName}）：{title}{#coordinatingDept}（协调部门：{coordinatingDept}）{/coordinatingDept}{#dueDate}，要求{dueDate}前解决{/dueDate}{#overdueText}，{overdueText}{/overdueText}。',
          ),
          plain('{/blockers}'),
          ...optional('commitmentsIntro'),
          plain('{#overdueCommitments}'),
          body(
            '{index}. {projectName}（{unitName}）：{title}{#dueDate}，应于{dueDate}前兑现{/dueDate}{#overdueText}，{overdueText}{/overdueText}。',
          ),
          plain('{/overdueCommitments}'),
          heading('四、下一步工作'),
          body(
            '各地各部门要对照全年目标，紧盯时间节点，落后于时间进度的单位要认真查找原因，制定追赶措施；无实绩的单位要明确专人、限期突破。对签约项目要专人抓服务，推动早开工、早投产；对协议项目要定人定责，尽快转化为合同；对在谈、意向项目要紧盯死守，加快推进。',
          ),
          marker('{#hasAnnex}'),
          heading('附件：困难问题和承诺事项清单', true),
          new Table({
            width: { size: 8844, type: WidthType.DXA },
            columnWidths: [600, 1000, 1700, 1200, 2244, 1100, 1000],
            layout: TableLayoutType.FIXED,
            rows: [
              new TableRow({ tableHeader: true, cantSplit: true, children: annexHeader.map((h) => cell(h, true)) }),
              new TableRow({
                cantSplit: true,
                children: [
                  cell('{#annex}{index}'),
                  cell('{kind}'),
                  cell('{projectName}', false, AlignmentType.LEFT),
                  cell('{unitName}'),
                  cell('{title}', false, AlignmentType.LEFT),
                  cell('{dueDate}'),
                  cell('{overdueText}{/annex}'),
                ],
              }),
            ],
          }),
          plain('{/hasAnnex}'),
        ],
      },
    ],
  });
  cached = await Packer.toBuffer(doc);
  return cached;
}
