import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatMonth } from '../features/month';
import { SalesDataInvalidError } from '../training/data/sales-data-invalid.error';
import { EVALUATE_USAGE, EvaluateArgumentsError, EvaluateOptions, parseEvaluateArgs } from './evaluate-args';
import { EvaluationSummary, summarizeEvaluation } from './evaluation-summary';
import { evaluationWarnings } from './evaluation-warnings';
import { renderEvaluationReport } from './evaluation-report';
import { loadPanel, seriesEndingAt } from './load-panel';
import { createForecaster } from './method-catalogue';
import { fixed, pct, signedPct } from './report-tables';
import { runEvaluation } from './run-evaluation';

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STDIO: CliOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function summaryLines(summary: EvaluationSummary): string[] {
  return Object.entries(summary.methods).map(([m, s]) => {
    const o = s.overall;
    const coverage = o.intervalPoints > 0 ? `, 80% coverage ${pct(o.coverage)}` : '';
    const origins = Object.entries(s.byOrigin).map(([offset, x]) => `-${offset}: ${pct(x.wape)}/${signedPct(x.bias)}`).join(', ');
    return `${m}: WAPE ${pct(o.wape)}, bias ${signedPct(o.bias)}, MASE ${fixed(3)(o.mase)}, sMAPE ${fixed(2)(o.smape)}${coverage} (per origin WAPE/bias ${origins})`;
  });
}

async function writeReport(options: EvaluateOptions, markdownOf: (chartFolder: string) => ReturnType<typeof renderEvaluationReport>): Promise<void> {
  const reportPath = options.reportPath!;
  const chartFolder = reportPath.replace(/\.md$/, '');
  const report = markdownOf(path.basename(chartFolder));
  await fs.mkdir(chartFolder, { recursive: true });
  await fs.writeFile(reportPath, report.markdown);
  for (const [file, svg] of Object.entries(report.charts)) await fs.writeFile(path.join(chartFolder, file), svg);
}

const shellWord = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

function isMissingFile(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES';
}

/** `npm run evaluate`: load → cut at each origin → forecast with every method → score → report. Returns the exit code. */
export async function runEvaluateCli(argv: string[], io: CliOutput = STDIO): Promise<number> {
  let options;
  try {
    options = parseEvaluateArgs(argv);
  } catch (error) {
    if (!(error instanceof EvaluateArgumentsError)) throw error;
    io.err(`${error.message}\n\n${EVALUATE_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    io.out(`${EVALUATE_USAGE}\n`);
    return 0;
  }
  let panel;
  try {
    panel = await loadPanel(options.data, options.columns, options.dropInvalid);
  } catch (error) {
    if (error instanceof SalesDataInvalidError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    if (isMissingFile(error)) {
      io.err(`cannot read --data ${error.path ?? ''}: ${error.code}\n`);
      return 2;
    }
    throw error;
  }
  const started = Date.now();
  try {
    io.out(`loaded ${panel.series.length} series (${panel.rows} rows, ${panel.dropped.length} dropped) from ${panel.files.join(', ')}\n`);
    const series = options.onlyEnding === undefined ? panel.series : seriesEndingAt(panel.series, options.onlyEnding);
    const kept = options.onlyEnding === undefined ? undefined : `${series.length} of ${panel.series.length}, those ending ${formatMonth(options.onlyEnding)}`;
    if (kept) io.out(`scoring ${kept}\n`);
    if (series.length === 0) {
      io.err(`--only-ending ${formatMonth(options.onlyEnding!)}: no series of the ${panel.series.length} ends that month\n`);
      return 2;
    }
    const forecasters = [];
    for (const name of options.methods) forecasters.push(await createForecaster(name));
    const run = await runEvaluation(series, forecasters, options, (message) => io.out(`${message}\n`));
    const summary = summarizeEvaluation(run);
    const warnings = evaluationWarnings(summary);
    for (const w of warnings) io.out(`WARNING: ${w}\n`);
    for (const line of summaryLines(summary)) io.out(`${line}\n`);
    if (options.reportPath) {
      await writeReport(options, (chartFolder) =>
        renderEvaluationReport({
          title: `Evaluation: ${options.methods.join(', ')}`,
          facts: [
            ['Data', panel.files.map((f) => `\`${f}\``).join(', ')],
            ['Series loaded', `${panel.series.length} (${panel.rows} rows, ${panel.dropped.length} problems dropped)`],
            ...(kept ? [['Series scored', kept] as [string, string]] : []),
            ['Command', `\`npm run evaluate -- ${argv.map(shellWord).join(' ')}\``],
            ['Duration', `${((Date.now() - started) / 1000).toFixed(1)} s`],
          ],
          summary,
          warnings,
          chartFolder,
        }),
      );
      io.out(`report written to ${options.reportPath}\n`);
    }
    return 0;
  } catch (error) {
    io.err(`evaluation failed: ${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) void runEvaluateCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
