import { InvalidArgumentError, Option, type Command } from 'commander';
import { runCaseImportCommand, type CaseImportCommandOptions } from '../cases/import/import-command';
import { presetNames } from '../cases/import/presets';

function batchOption(raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > 50_000) throw new InvalidArgumentError('expected a whole number of rows from 1 to 50000.');
  return v;
}

/** `gridwall cases …`: cases (案卷) from other systems. */
export function addCaseCommands(program: Command): void {
  const cases = program.command('cases').description('cases (案卷): import the case history of an existing system');
  cases
    .command('import')
    .description('import cases from a CSV or XLSX export: each row a case, its stage times turned into a history; resumable, and idempotent on the case number')
    .argument('<file>', 'the export: .csv (UTF-8 or GBK) or .xlsx (first sheet)')
    .addOption(new Option('--preset <name>', `a shipped mapping: ${presetNames().join(', ')} (default: the one the file's columns fit)`).conflicts('mapping'))
    .option('--mapping <file.json>', 'your own mapping of columns to fields, date formats, time zone and value maps (see streams/cases/import/README.md)')
    .option('--config <file>', 'the hall’s district (hall.json, also GRIDWALL_CONFIG) cases are located in; default the demo city')
    .option('--errors <file>', 'where to write the bad rows as CSV (line, case_no, reason); default <data dir>/imports/<file>.<hash>.errors.csv')
    .option('--batch <n>', 'rows per database transaction (progress is committed after each)', batchOption)
    .addOption(new Option('--encoding <enc>', 'the CSV’s text encoding (default: the mapping’s, else detected)').choices(['auto', 'utf-8', 'gb18030']))
    .option('--dry-run', 'read and check every row, report bad ones, write nothing')
    .option('--restart', 'read the file from the top even if an earlier run finished or stopped part way (cases already held are still skipped)')
    .addHelpText('after', '\nInto PostgreSQL when DATABASE_URL is set, else into the data dir’s embedded database: stop the hall first then.')
    .action(async (file: string, opts: CaseImportCommandOptions) => {
      process.exitCode = await runCaseImportCommand(file, opts, {
        say: (line) => process.stdout.write(`${line}\n`),
        warn: (line) => process.stderr.write(`${line}\n`),
        tty: Boolean(process.stderr.isTTY),
        env: process.env,
      });
    });
}
