import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fitEts, forecastEts } from './ets';
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
  const scores = { ets: new Score(), theta: new Score(), 'mean(ets,theta)': new Score(), 'seasonal naive': new Score() };
  // CPU time, not wall time: the machine is shared, and a fit's own cost is what training will pay per series.
  const seconds = { ets: 0, theta: 0 };
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  const labels = new Map<string, number>();
  for (const series of panel) {
    const history = series.values.slice(0, -holdout);
    const actual = series.values.slice(-holdout);
    let started = process.cpuUsage();
    const etsParams = fitEts(history);
    seconds.ets += cpuSeconds(started);
    const ets = forecastEts(history, etsParams, holdout);
    started = process.cpuUsage();
    const thetaParams = fitTheta(history);
    seconds.theta += cpuSeconds(started);
    const theta = forecastTheta(history, thetaParams, holdout);
    scores.ets.add(ets, actual);
    scores.theta.add(theta, actual);
    scores['mean(ets,theta)'].add(
      ets.map((v, h) => (Math.max(0, v) + Math.max(0, theta[h])) / 2),
      actual,
    );
    scores['seasonal naive'].add(seasonalNaive(history, holdout), actual);
    labels.set(etsParams.label, (labels.get(etsParams.label) ?? 0) + 1);
  }
  const lengths = panel.map((s) => s.values.length - holdout);
  console.log(`${panel.length} series, ${holdout} months held out, history ${Math.min(...lengths)}..${Math.max(...lengths)} months`);
  for (const [name, score] of Object.entries(scores)) console.log(`${name.padEnd(16)} ${score}`);
  console.log(`fit CPU time per series: ets ${((1000 * seconds.ets) / panel.length).toFixed(2)} ms, theta ${((1000 * seconds.theta) / panel.length).toFixed(3)} ms`);
  console.log(`ets forms: ${[...labels].sort((a, b) => b[1] - a[1]).map(([l, c]) => `${l} ${c}`).join(', ')}`);
}

main();
