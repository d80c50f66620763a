import type { Command } from 'commander';
import { formatLedgerError, LEDGER_PHASE_LABELS, type ImportResult } from '../../contracts/ledger';
import { cliActor, withDb } from '../../cli-context';
import { importLedgerFile } from './ledger.import';
import { exportLedger, writeLedgerTemplate } from './ledger.export';

/** A progress bar on stderr (a line per phase when stderr is not a terminal). */
export function stderrProgress(): (p: { phase: string; done: number; total?: number }) => void {
  const tty = process.stderr.isTTY;
  let lastPhase = '';
  let lastAt = 0;
  return (p) => {
    const label = LEDGER_PHASE_LABELS[p.phase] ?? p.phase;
    if (!tty) {
      if (p.phase !== lastPhase) process.stderr.write(`${label}…\n`);
      lastPhase = p.phase;
      return;
    }
    const now = Date.now();
    if (p.phase === lastPhase && now - lastAt < 100 && p.done !== p.total) return;
    lastAt = now;
    const width = 30;
    let bar: string;
    if (p.total && p.total > 0) {
      const f = Math.min(1, p.done / p.total);
      const filled = Math.round(f * width);
      bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${p.done}/${p.total}`;
    } else bar = `${p.done} 行`;
    process.stderr.write(`\r\x1b[2K${label.padEnd(6, '　')} ${bar}`);
    if (p.phase === 'done') process.stderr.write('\n');
    lastPhase = p.phase;
  };
}

export function printImportResult(r: ImportResult, out: (s: string) => void = console.log): void {
  out('工作表      行数   新增   更新   不变');
  for (const s of [...r.sheets, ...(r.investors.rows ? [r.investors] : [])]) {
    out(
      `${s.sheet.padEnd(6, '　')} ${String(s.rows).padStart(6)} ${String(s.created).padStart(6)} ${String(s.updated).padStart(6)} ${String(s.unchanged).padStart(6)}`,
    );
  }
  if (r.ignoredSheets.length) out(`已忽略的工作表：${r.ignoredSheets.join('、')}`);
  if (r.errorCount) {
    out(`发现 ${r.errorCount} 处错误${r.errors.length < r.errorCount ? `（列出前 ${r.errors.length} 处）` : ''}，未写入任何数据：`);
    for (const e of r.errors) out(`  ${formatLedgerError(e)}`);
  }
}

export function ledgerCli(program: Command): void {
  program
    .command('import <file>')
    .description('导入台账 .xlsx（全部成功才写入；有错误则一条不写并列出所有错误）')
    .option('--as <user>', '以该用户名义记入审计日志（默认：系统）')
    .option('--dry-run', '只校验并显示将新增/更新/不变的条数，不写入')
    .action(async (file: string, o: { as?: string; dryRun?: boolean }) => {
      await withDb(async (db) => {
        const actor = await cliActor(db, o.as);
        const r = await importLedgerFile(db, actor, file, { dryRun: !!o.dryRun, onProgress: stderrProgress() });
        printImportResult(r);
        if (!r.ok) process.exitCode = 1;
        else
          console.log(
            r.dryRun
              ? `校验通过（试运行，未写入），用时 ${(r.durationMs / 1000).toFixed(1)} 秒`
              : `导入完成：${r.rows} 行，用时 ${(r.durationMs / 1000).toFixed(1)} 秒`,
          );
      });
    });

  program
    .command('export <file>')
    .description('导出台账 .xlsx（与导入格式相同）；--template 导出空白模板')
    .option('--as <user>', '以该用户的数据范围导出（默认：全市）')
    .option('--template', '导出带下拉选项和填表说明的空白模板')
    .action(async (file: string, o: { as?: string; template?: boolean }) => {
      if (o.template) {
        await writeLedgerTemplate(file);
        console.log(`已导出空白模板：${file}`);
        return;
      }
      await withDb(async (db) => {
        const actor = await cliActor(db, o.as);
        const counts = await exportLedger(db, actor, file);
        console.log(
          `已导出：${file}（${Object.entries(counts)
            .map(([k, v]) => `${k} ${v}`)
            .join('，')}）`,
        );
      });
    });
}
