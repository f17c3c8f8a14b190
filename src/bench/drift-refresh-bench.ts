import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Registry } from 'prom-client';
import { buildForecastMatrix, FeatureMatrix } from '../features/feature-builder';
import { parseMonth } from '../features/month';
import { CountryLabels } from '../monitoring/actuals/country-labels';
import { ForecastLogWriter } from '../monitoring/forecast-log/forecast-log-writer';
import { MonitoringMetrics } from '../monitoring/metrics/monitoring-metrics';
import { PrometheusForecastObserver } from '../monitoring/prometheus-forecast-observer';
import { ModelManifest, NumericReference } from '../registry/model-manifest';
import { seriesFromCsv } from './bench-bodies';

// `npm run bench:drift`: how long monitoring's periodic refresh blocks the event loop after heavy traffic, for the
// embedded model and for a manifest with many tracked quantities. "one pass" is the refresh as it was before it was
// sliced (one slice of unbounded work), measured in the same run as the sliced one.

const ROOT = process.cwd(); // npm run runs scripts from the package root
const ROWS = Number(process.env.BENCH_DRIFT_ROWS ?? 200_000);
const SERIES_PER_BODY = 1000;
const HORIZON = 18;

interface Case {
  name: string;
  manifest: ModelManifest;
  matrix: FeatureMatrix;
  windowSize: number;
}

function embedded(): { manifest: ModelManifest; matrix: FeatureMatrix } {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'registry/demand-forecast/1/manifest.json'), 'utf8')) as ModelManifest;
  const all = seriesFromCsv(readFileSync(path.join(ROOT, 'data/aus_retail/sales.csv'), 'utf8'), 48);
  const series = Array.from({ length: SERIES_PER_BODY }, (_, i) => all[i % all.length]).map((s) => ({ ...s, start: parseMonth(s.history.start), values: s.history.values }));
  return { manifest, matrix: buildForecastMatrix(series, HORIZON, manifest.features) };
}

/** The embedded manifest with `extra` more numeric inputs, each with a 10-bin drift reference. */
function wide(base: ModelManifest, baseMatrix: FeatureMatrix, extra: number): { manifest: ModelManifest; matrix: FeatureMatrix } {
  const names = Array.from({ length: extra }, (_, i) => `extra_${i}`);
  const references: NumericReference[] = names.map((name) => ({ name, kind: 'numeric', edges: [1, 2, 3, 4, 5, 6, 7, 8, 9], shares: new Array(10).fill(0.1), min: 0, max: 10 }));
  const manifest: ModelManifest = {
    ...base,
    features: { ...base.features, names: [...base.features.names, ...names] },
    drift: { ...base.drift!, features: [...base.drift!.features, ...references] },
  };
  const columns = manifest.features.names.length;
  const data = new Float32Array(baseMatrix.rowCount * columns);
  for (let row = 0; row < baseMatrix.rowCount; row++) {
    data.set(baseMatrix.data.subarray(row * baseMatrix.columnCount, (row + 1) * baseMatrix.columnCount), row * columns);
    for (let c = baseMatrix.columnCount; c < columns; c++) data[row * columns + c] = ((row * 7 + c * 13) % 100) / 10;
  }
  return { manifest, matrix: { ...baseMatrix, data, columnCount: columns } };
}

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

/** Longest gap between turns of the event loop until `done()`: what a request waiting to be served would see. */
async function longestBlock(done: () => boolean): Promise<{ longestMs: number; totalMs: number; turns: number }> {
  const start = process.hrtime.bigint();
  let last = start;
  let longest = 0;
  let turns = 0;
  while (!done()) {
    await new Promise((resolve) => setImmediate(resolve));
    const now = process.hrtime.bigint();
    longest = Math.max(longest, Number(now - last) / 1e6);
    last = now;
    turns++;
  }
  return { longestMs: longest, totalMs: ms(start), turns };
}

async function run(c: Case, sliceWorkUnits: number | undefined): Promise<Record<string, unknown>> {
  const registry = new Registry();
  const metrics = new MonitoringMetrics(registry, [0.01, 0.1, 1]);
  const writer = { enqueue: () => undefined, buffered: 0 } as unknown as ForecastLogWriter;
  const settings = { windowSize: c.windowSize, minSamples: 200, intervalMs: 3_600_000, sliceWorkUnits, sliceMaxMs: sliceWorkUnits };
  const observer = new PrometheusForecastObserver(metrics, settings, writer, new CountryLabels());
  observer.modelLoaded(c.manifest, 1);
  const predictions = Float32Array.from({ length: c.matrix.rowCount }, (_, i) => (i % 37) / 18);
  const bodies = Math.ceil(ROWS / c.matrix.rowCount);
  let started = process.hrtime.bigint();
  for (let b = 0; b < bodies; b++) observer.batchScored(c.matrix, predictions);
  const batchScoredNsPerRow = (ms(started) * 1e6) / (bodies * c.matrix.rowCount);
  started = process.hrtime.bigint();
  observer.refresh();
  const firstSliceMs = ms(started);
  const { longestMs, totalMs, turns } = await longestBlock(() => !observer.refreshing);
  // Nothing new recorded: the gauges alone (one pass), or their first slice.
  started = process.hrtime.bigint();
  observer.refresh();
  const gaugesMs = ms(started);
  await longestBlock(() => !observer.refreshing);
  started = process.hrtime.bigint();
  await registry.metrics();
  const scrapeMs = ms(started);
  observer.onModuleDestroy();
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    case: c.name,
    refresh: sliceWorkUnits === Infinity ? 'one pass' : 'sliced',
    rows: bodies * c.matrix.rowCount,
    batchScoredNsPerRow: round(batchScoredNsPerRow),
    firstSliceMs: round(firstSliceMs),
    longestBlockMs: round(Math.max(firstSliceMs, longestMs)),
    caughtUpMs: round(firstSliceMs + totalMs),
    slices: turns + 1,
    gaugesMs: round(gaugesMs),
    idleScrapeMs: round(scrapeMs),
  };
}

async function main(): Promise<void> {
  const base = embedded();
  const many = wide(base.manifest, base.matrix, 475);
  const cases: Case[] = [
    { name: 'embedded, DRIFT_WINDOW_SIZE=5000', ...base, windowSize: 5000 },
    { name: 'embedded, DRIFT_WINDOW_SIZE=200000', ...base, windowSize: 200_000 },
    { name: '500 tracked quantities, DRIFT_WINDOW_SIZE=50000', ...many, windowSize: 50_000 },
  ];
  for (const c of cases) {
    // Warm up the JIT on the same case, so neither variant pays for compiling the other.
    await run(c, undefined);
    // Alternating rounds, so a collection or recompilation that lands on one run shows as an outlier, not a trend.
    for (let round = 0; round < 3; round++) for (const units of [Infinity, undefined]) console.log(JSON.stringify(await run(c, units)));
  }
}

void main();
