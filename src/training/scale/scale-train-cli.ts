import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SALES_COLUMNS } from '../data/load-sales-csv';
import { runTraining } from '../train-pipeline';
import { DEFAULT_TRAINING_PARAMS } from '../training-params';
import { LineProgress } from '../training-progress';
import { writeSyntheticPanel } from './synthetic-panel';

const USAGE = `Trains on a synthetic panel and checks peak memory and wall time.

  npm run train:scale -- --series 20000 --months 120 [--seed 1] [--trees N] [--keep]
                         [--max-rss-mib 4096] [--max-minutes 30]

Prints each training step with elapsed seconds and peak RSS, then one line "scale-result {json}".
Exits 1 when peak RSS or wall time exceeds its limit, 2 on bad arguments.`;

/** Peak resident set of this process so far; resourceUsage reports KiB. */
const peakRssMib = () => process.resourceUsage().maxRSS / 1024;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`--${name} must be a positive number, got "${text}"`);
  return value;
}

async function main(): Promise<number> {
  let args;
  try {
    const { values } = parseArgs({
      options: {
        series: { type: 'string' },
        months: { type: 'string' },
        seed: { type: 'string' },
        trees: { type: 'string' },
        keep: { type: 'boolean' },
        'max-rss-mib': { type: 'string' },
        'max-minutes': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    args = {
      series: Math.round(positive('series', values.series, 20_000)),
      months: Math.round(positive('months', values.months, 120)),
      seed: Math.round(positive('seed', values.seed, 1)),
      trees: Math.round(positive('trees', values.trees, DEFAULT_TRAINING_PARAMS.gbdt.trees)),
      keep: values.keep ?? false,
      maxRssMib: positive('max-rss-mib', values['max-rss-mib'], 4096),
      maxMinutes: positive('max-minutes', values['max-minutes'], 30),
    };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  const started = Date.now();
  const stamp = () => `+${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS ${peakRssMib().toFixed(0)} MiB`;
  const progress = new LineProgress((line) => process.stderr.write(`${line} [${stamp()}]\n`));
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'scale-train-'));
  try {
    const dataPath = path.join(folder, 'panel.csv');
    const panel = await writeSyntheticPanel(dataPath, { series: args.series, months: args.months, seed: args.seed });
    const generatedMs = Date.now() - started;
    progress.log(`generated ${dataPath}: ${panel.rows} rows, ${JSON.stringify(panel.kinds)}`);
    const result = await runTraining(
      {
        dataPath,
        columns: DEFAULT_SALES_COLUMNS,
        dropInvalid: false,
        registryUrl: `file:${path.join(folder, 'registry')}`,
        model: 'demand-forecast',
        force: false,
        params: { ...DEFAULT_TRAINING_PARAMS, gbdt: { ...DEFAULT_TRAINING_PARAMS.gbdt, trees: args.trees } },
      },
      progress,
    );
    const wallMs = Date.now() - started;
    const m = result.manifest.metrics;
    const summary = {
      series: args.series,
      months: args.months,
      rows: panel.rows,
      trees: args.trees,
      generateSeconds: generatedMs / 1000,
      trainSeconds: result.durationMs / 1000,
      wallSeconds: wallMs / 1000,
      peakRssMib: Math.round(peakRssMib()),
      holdout: { wape: m.wape, bias: m.bias, hwWape: m.hw_wape, hwBias: m.hw_bias, snaiveWape: m.snaive_wape, series: result.evaluation.holdout.series },
      backtestCoverage: result.evaluation.backtest.coverage,
    };
    progress.log(
      `holdout WAPE ${m.wape.toFixed(4)} (Holt-Winters ${m.hw_wape.toFixed(4)}, seasonal naive ${m.snaive_wape.toFixed(4)}), ` +
        `bias ${m.bias.toFixed(4)} (Holt-Winters ${m.hw_bias.toFixed(4)}) on ${summary.holdout.series} series`,
    );
    process.stdout.write(`scale-result ${JSON.stringify(summary)}\n`);
    const over = [
      ...(summary.peakRssMib > args.maxRssMib ? [`peak RSS ${summary.peakRssMib} MiB > ${args.maxRssMib} MiB`] : []),
      ...(wallMs > args.maxMinutes * 60_000 ? [`wall time ${(wallMs / 60_000).toFixed(1)} min > ${args.maxMinutes} min`] : []),
    ];
    for (const problem of over) process.stderr.write(`over the limit: ${problem}\n`);
    return over.length > 0 ? 1 : 0;
  } finally {
    if (args.keep) process.stderr.write(`kept ${folder}\n`);
    else await fs.rm(folder, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`scale training failed: ${error.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
