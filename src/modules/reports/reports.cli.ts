import fs from 'node:fs';
import type { Command } from 'commander';
import { cliActor, withDb } from '../../cli-context';
import { REPORT_NAMES, reportNameSchema } from '../../contracts/reports';
import { statsBasisSchema } from '../../contracts/stats';
import { resolveScope } from '../stats/stats.service';
import { renderBriefingDocx } from './briefing.service';
import { buildReport } from './excel.service';

export function reportsCli(program: Command): void {
  const report = program.command('report').description('调度会讲话稿与标准报表');
  report
    .command('briefing')
    .description('生成调度会讲话稿（Word）')
    .option('--period <YYYY-MM>', '报告期（默认：有数据的最新月份）')
    .option('--unit <code>', '只写该单位')
    .option('--basis <verified|reported>', '口径：verified 只计已核实（默认），reported 含待核实', 'verified')
    .requiredOption('--out <file.docx>', '输出文件')
    .option('--as <user>', '以该用户身份生成')
    .action(async (o: { period?: string; unit?: string; basis: string; out: string; as?: string }) => {
      const basis = statsBasisSchema.parse(o.basis);
      await withDb(async (db) => {
        const scope = await resolveScope(db, await cliActor(db, o.as), { period: o.period, unit: o.unit, basis });
        const r = await renderBriefingDocx(db, scope);
        fs.writeFileSync(o.out, r.buffer);
        console.log(`已生成 ${o.out}（${r.dto.title}，${r.dto.period}）`);
        for (const s of r.dto.sections) console.log(`${s.heading}\n${s.paragraphs.map((p) => `  ${p}`).join('\n')}`);
      });
    });
  report
    .command('excel')
    .description(`生成标准报表（Excel）：${REPORT_NAMES.join(' | ')}`)
    .argument('<name>', REPORT_NAMES.join(' | '))
    .option('--period <YYYY-MM>', '报告期')
    .option('--unit <code>', '只统计该单位')
    .option('--basis <verified|reported>', '口径：verified 只计已核实（默认），reported 含待核实', 'verified')
    .requiredOption('--out <file.xlsx>', '输出文件')
    .option('--as <user>', '以该用户身份生成')
    .action(async (name: string, o: { period?: string; unit?: string; basis: string; out: string; as?: string }) => {
      const n = reportNameSchema.parse(name);
      const basis = statsBasisSchema.parse(o.basis);
      await withDb(async (db) => {
        const scope = await resolveScope(db, await cliActor(db, o.as), { period: o.period, unit: o.unit, basis });
        const r = await buildReport(db, n, scope);
        fs.writeFileSync(o.out, r.buffer);
        console.log(`已生成 ${o.out}`);
      });
    });
}
