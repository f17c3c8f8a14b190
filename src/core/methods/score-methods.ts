import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fitEts, forecastEts } from './ets';
import { fitCroston, fitTsb, forecastCroston, forecastTsb } from './intermittent';
import { seasonalNaive } from './simple';
import { fitTheta, forecastTheta } from './theta';

// Scores the per-series methods on a long CSV, each series cut at its own last month minus the holdout:
//   node dist/core/methods/score-methods.js --data a.csv [--data b.csv] [--cutoff-last 18] [--limit N] [--every K (every K-th series)]
//     [--ending-at YYYY-MM (only series whose last month it is)]
// Columns: a series id (`series_id`, else `country`+`sku`), `month` (YYYY-MM) and `value` (or `quantity`).

interface Series {
  id: string;
  lastMonth: string;
  values: number[];
}

function readSeries(files: string[]): Series[] {
  const rows = new Map<string, { month: string; value: number }[]>();
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.length > 0);
    const header = lines[0].split(',');
    const column = (...names: string[]) => names.map((name) => header.indexOf(name)).find((i) => i >= 0) ?? -1;
    const idColumn = column('series_id');
    const countryColumn = column('country');
    const skuColumn = column('sku');
    const monthColumn = column('month');
    const valueColumn = column('value', 'quantity');
    if (monthColumn < 0 || valueColumn < 0 || (idColumn < 0 && skuColumn < 0)) throw new Error(`${file}: needs series id, month and value columns`);
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const id = idColumn >= 0 ? cells[idColumn] : `${cells[countryColumn]}/${cells[skuColumn]}`;
      const list = rows.get(id) ?? [];
      list.push({ month: cells[monthColumn], value: Number(cells[valueColumn]) });
      rows.set(id, list);
    }
  }
  return [...rows].map(([id, list]) => {
    list.sort((a, b) => a.month.localeCompare(b.month));
    return { id, lastMonth: list[list.length - 1].month, values: list.map((r) => r.value) };
  });
}

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
  const panel = readSeries(values.data)
    .filter((s) => !values['ending-at'] || s.lastMonth === values['ending-at'])
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
