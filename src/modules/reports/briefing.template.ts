// The default Word template of the dispatch briefing, built with the `docx` package. Placeholders
// are written as single runs ({name}) so docxtemplater finds them; the city office edits a copy.
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
} from 'docx';

const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const HEAD_FONT = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const TITLE_FONT = { eastAsia: '方正小标宋简体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

const body = (text: string) => new Paragraph({
  children: [new TextRun({ text, font: BODY_FONT, size: 32 })],
  indent: { firstLine: 640 },
  spacing: { line: 560 },
  alignment: AlignmentType.JUSTIFIED,
});
const plain = (text: string) => new Paragraph({ children: [new TextRun({ text, font: BODY_FONT, size: 32 })], spacing: { line: 560 } });
const heading = (text: string) => new Paragraph({
  children: [new TextRun({ text, font: HEAD_FONT, size: 32 })],
  indent: { firstLine: 640 },
  spacing: { line: 560 },
});

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cell = (text: string, bold = false) => new TableCell({
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, font: BODY_FONT, size: 21 })] })],
  borders: { top: border, bottom: border, left: border, right: border },
});

let cached: Buffer | null = null;

export async function buildDefaultBriefingTemplate(): Promise<Buffer> {
  if (cached) return cached;
  const header = ['名次', '单位', '全年目标', '累计到位资金', '完成率', '同比', '与时间进度比较'];
  const doc = new Document({
    creator: '招商引资调度平台',
    title: '招商引资工作调度会讲话稿模板',
    styles: { default: { document: { run: { font: BODY_FONT, size: 32 } } } },
    sections: [{
      properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: '{title}', font: TITLE_FONT, size: 44 })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: '（{periodText}）', font: BODY_FONT, size: 32 })] }),
        plain('同志们：'),
        body('今天召开调度会，通报{periodText}招商引资工作进展情况，分析存在的问题，部署下一步工作。'),
        heading('一、{periodText}{who}招商引资工作进展情况'),
        body('{progressText}'),
        body('{quartersText}'),
        body('{projectsText}'),
        heading('二、各地各部门完成情况'),
        body('{rankingText}'),
        new Table({
          // Fixed column widths filling the text width of the page (A4 less margins = 8844 twips), so
          // that Word and WPS/LibreOffice lay it out alike and amounts do not wrap. 五号 (10.5 pt) text.
          width: { size: 8844, type: WidthType.DXA },
          columnWidths: [700, 1800, 1200, 1300, 950, 1294, 1600],
          layout: TableLayoutType.FIXED,
          rows: [
            new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
            new TableRow({ children: [cell('{#units}{rank}'), cell('{name}'), cell('{targetYi}'), cell('{fundsYi}'), cell('{completionText}'), cell('{yoyText}'), cell('{gapText}{/units}')] }),
          ],
        }),
        body('{behindText}'),
        body('{zeroText}'),
        heading('三、需要协调解决的困难问题'),
        body('{blockersIntro}'),
        plain('{#blockers}'),
        body('{index}. {projectName}（{unitName}）：{title}{#coordinatingDept}（协调部门：{coordinatingDept}）{/coordinatingDept}{#dueDate}，要求{dueDate}前解决{/dueDate}。'),
        plain('{/blockers}'),
        heading('四、下一步工作'),
        body('各地各部门要对照全年目标，紧盯时间节点，落后于时间进度的单位要认真查找原因，制定追赶措施；无实绩的单位要明确专人、限期突破。对签约项目要专人抓服务，推动早开工、早投产；对协议项目要定人定责，尽快转化为合同；对在谈、意向项目要紧盯死守，加快推进。'),
      ],
    }],
  });
  cached = await Packer.toBuffer(doc);
  return cached;
}
