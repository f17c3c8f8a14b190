import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
// The training CLI's own loader, so this script reads (and refuses) a CSV exactly as training does.
import { parseSalesCsv, SalesSeries } from '../training/data/load-sales-csv';
import { formatMonth } from '../features/month';
import { fitEts, forecastEts } from '../core/methods/ets';
import { fitCroston, fitTsb, forecastCroston, forecastTsb } from '../core/methods/intermittent';
import { seasonalNaive } from '../core/methods/simple';
import { fitTheta, forecastTheta } from '../core/methods/theta';

// Scores the per-series methods on a long CSV, each series cut at its own last month minus the holdout:
//   node dist/evaluate/score-methods.js --data a.csv [--data b.csv] [--cutoff-last 18] [--limit N] [--every K (every K-th series)]
//     [--ending-at YYYY-MM (only series whose last month it is)]
// Series are keyed by `country` (else `region`) and `sku` (else `series_id`); values in `quantity` (else `value`).

class Score {
  absolute = 0;
  signed = 0;
  actual = 0;
  add(forecast: ArrayLike<number>, actual: number[]) {
    for (let h = 0; h < actual.length; h++) {
      const f = Math.max(0, forecast[h]);
      this.absolute += Math.abs(f - actual[h]);
      this.signed += f - actual[h];
      this.actual += actual[h];
    }
  }
  toString() {
    return `WAPE ${((100 * this.absolute) / this.actual).toFixed(2)}%  Bias ${((100 * this.signed) / this.actual).toFixed(2)}%`;
  }
}

function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', multiple: true },
      'cutoff-last': { type: 'string', default: '18' },
      limit: { type: 'string' },
      every: { type: 'string', default: '1' },
      'ending-at': { type: 'string' },
    },
  });
  if (!values.data?.length) throw new Error('--data <csv> is required');
  const holdout = Number(values['cutoff-last']);
  const panel = values.data
    .flatMap(readPanel)
    .filter((s) => !values['ending-at'] || formatMonth(s.start + s.values.length - 1) === values['ending-at'])
    .filter((s, i) => s.values.length > holdout && i % Number(values.every) === 0)
    .slice(0, values.limit ? Number(values.limit) : undefined);
  // CPU time, not wall time: the machine is shared, and a fit's own cost is what training will pay per series.
  const methods = {
    ets: timed((y, h) => {
      const params = fitEts(y);
      labels.set(params.label, (labels.get(params.label) ?? 0) + 1);
      return forecastEts(y, params, h);
    }),
    theta: timed((y, h) => forecastTheta(y, fitTheta(y), h)),
    'croston-sba': timed((y, h) => forecastCroston(y, fitCroston(y), h)),
    tsb: timed((y, h) => forecastTsb(y, fitTsb(y), h)),
    'seasonal naive': timed((y, h) => seasonalNaive(y, h)),
  };
  const labels = new Map<string, number>();
  const scores = new Map<string, Score>([...Object.keys(methods), 'mean(ets,theta)'].map((name) => [name, new Score()]));
  let historyMonths = 0;
  for (const series of panel) {
    const history = series.values.slice(0, -holdout);
    const actual = series.values.slice(-holdout);
    historyMonths += history.length;
    const forecasts = new Map(Object.entries(methods).map(([name, method]) => [name, method.run(history, holdout)]));
    for (const [name, forecast] of forecasts) scores.get(name)!.add(forecast, actual);
    const ets = forecasts.get('ets')!;
    const theta = forecasts.get('theta')!;
    scores.get('mean(ets,theta)')!.add(
      ets.map((v, h) => (Math.max(0, v) + Math.max(0, theta[h])) / 2),
      actual,
    );
  }
  const lengths = panel.map((s) => s.values.length - holdout);
  console.log(`${panel.length} series, ${holdout} months held out, history ${Math.min(...lengths)}..${Math.max(...lengths)} months`);
  for (const [name, score] of scores) console.log(`${name.padEnd(16)} ${score}`);
  const timing = Object.entries(methods).map(([name, method]) => {
    const perSeries = (1000 * method.seconds) / panel.length;
    const per120 = (1000 * method.seconds * 120) / historyMonths;
    return `${name} ${perSeries.toFixed(3)} ms (${per120.toFixed(3)} ms per 120 months)`;
  });
  console.log(`fit+forecast CPU time per series: ${timing.join(', ')}`);
  console.log(`ets forms: ${[...labels].sort((a, b) => b[1] - a[1]).map(([l, c]) => `${l} ${c}`).join(', ')}`);
}

function readPanel(file: string): SalesSeries[] {
  const text = readFileSync(file, 'utf8');
  const header = text.slice(0, text.indexOf('\n')).trim().split(',');
  const pick = (preferred: string, fallback: string) => (header.includes(preferred) ? preferred : fallback);
  const columns = { country: pick('country', 'region'), sku: pick('sku', 'series_id'), month: 'month', quantity: pick('quantity', 'value'), attributes: [] };
  return parseSalesCsv(text, { columns, dropInvalid: false, source: file }).series;
}

function timed(forecast: (y: number[], horizon: number) => Float64Array) {
  const method = {
    seconds: 0,
    run(y: number[], horizon: number): Float64Array {
      const started = process.cpuUsage();
      const result = forecast(y, horizon);
      const used = process.cpuUsage(started);
      method.seconds += (used.user + used.system) / 1e6;
      return result;
    },
  };
  return method;
}

main();
