import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalFolderModelStore } from '../registry/local-folder-model-store';
import { ModelRegistry } from '../registry/model-registry';
import { resolveModelVersion } from '../registry/model-resolver';
import { DEFAULT_TRAINING_PARAMS } from '../training/training-params';
import { benchSeries, ForecastBody, seriesFromCsv, syntheticSeries } from './bench-bodies';
import {
  CaseResult,
  checkFloors,
  checkTargets,
  formatReport,
  medianCase,
  HUNDRED,
  LAG_REFERENCE,
  REFERENCE,
  SERVICE,
  SERVICE_NO_MONITORING,
  ServerResult,
  SINGLE,
} from './bench-report';
import { BenchServer } from './bench-server';
import { LAGS } from './lag-features';
import { LagGbdtParams, trainLagReference } from './lag-reference-model';
import { LoadCase, runLoad } from './load-case';

// `npm run bench`: the service (monitoring on and off), a minimal reference server with the service's own model
// and features, and the lag reference (issue 9's yardstick: lag features only, its trees trained here at start
// with the served model's tree options), each in its own process, under the same autocannon load on loopback.
// `npm run bench -- --registry file:<folder>` (or BENCH_REGISTRY=<folder>) benches another registry's model.

const MODEL = process.env.MODEL_NAME ?? 'demand-forecast';
const SELECTOR = process.env.MODEL_VERSION ?? 'production';
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const HISTORY_MONTHS = 48;
// Issue 9's serving floor is stated for 48-month histories at horizon 18.
const HORIZON = 18;
const CSV = 'data/aus_retail/sales.csv';
// Forecast origins per series the lag reference learns from (~65k rows on aus_retail, trained in seconds).
const LAG_ORIGINS = 24;
// Node flags every server runs with: by default the heap cap proposed for the production image. Without a cap
// V8 sizes the heap from the machine's memory (4.3 GB here) and lets the old generation grow to ~4x its live
// size between mark-compacts; request-lifetime objects promoted under load filled it to ~140 MB of garbage
// (peak RSS 290-310 MB, 213-218 MB with the cap, same throughput). BENCH_NODE_FLAGS= (empty) measures no flags.
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-old-space-size=256').split(' ').filter(Boolean);

function registryArgument(argv: string[]): string | undefined {
  const at = argv.indexOf('--registry');
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--registry='))?.slice('--registry='.length);
  if (at >= 0 && !value) throw new Error('--registry needs a value: file:<folder> or <folder>');
  return value?.replace(/^file:/, '');
}

function registryFolder(): string {
  const chosen = registryArgument(process.argv.slice(2)) ?? process.env.BENCH_REGISTRY;
  if (chosen) return path.resolve(chosen);
  // The embedded default registry when it holds the model, else the test fixture.
  const embedded = path.resolve('registry');
  return existsSync(path.join(embedded, MODEL)) ? embedded : path.resolve('test/fixtures/registry');
}

async function forecastValues(url: string, body: string): Promise<number[]> {
  const response = await fetch(`${url}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!response.ok) throw new Error(`POST ${url}/v1/forecast answered ${response.status}: ${await response.text()}`);
  const json = (await response.json()) as { forecasts: { points: { value: number }[] }[] };
  return json.forecasts.flatMap((f) => f.points.map((p) => p.value));
}

/** The lag reference's trees, on the bench CSV's histories, with the served model's tree options. */
async function trainLagModel(training: Record<string, unknown> | undefined, horizon: number, folder: string): Promise<void> {
  const params = (training?.params ?? {}) as { gbdt?: Partial<LagGbdtParams>; seed?: number };
  const gbdt: LagGbdtParams = { ...DEFAULT_TRAINING_PARAMS.gbdt, ...params.gbdt, seed: params.seed ?? DEFAULT_TRAINING_PARAMS.seed };
  const months = LAGS + LAG_ORIGINS + horizon - 1;
  let histories: number[][];
  try {
    histories = seriesFromCsv(await fs.readFile(path.resolve(CSV), 'utf8'), months).map((s) => s.history.values);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    histories = syntheticSeries(100, months).map((s) => s.history.values);
  }
  const started = Date.now();
  const { meta } = await trainLagReference(histories, horizon, LAG_ORIGINS, gbdt, folder);
  console.log(
    `lag reference: ${meta.trees} trees of depth ${gbdt.maxDepth} on ${meta.trainingRows} rows (${histories.length} series, lags 1-${LAGS} + step) ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  const folder = registryFolder();
  const registry = new ModelRegistry(new LocalFolderModelStore(folder));
  const version = await resolveModelVersion(registry, MODEL, SELECTOR);
  const manifest = (await registry.readManifest(MODEL, version))!;
  const horizon = Math.min(HORIZON, manifest.maxHorizon);
  const { series, source } = await benchSeries(path.resolve(CSV), 100, Math.max(HISTORY_MONTHS, manifest.features.minHistory));
  const body = (count: number): string => JSON.stringify({ horizon, series: series.slice(0, count) } satisfies ForecastBody);
  // BENCH_BODIES=single or =100 narrows the run to one body, e.g. to profile that case alone.
  const bodies = process.env.BENCH_BODIES?.split(',').map((b) => b.trim());
  const cases: LoadCase[] = [
    { body: SINGLE, seriesPerRequest: 1, payload: body(1) },
    { body: HUNDRED, seriesPerRequest: 100, payload: body(100) },
  ].filter((c) => !bodies || bodies.some((b) => c.body.startsWith(b)));
  console.log(
    `model ${MODEL} version ${version} (${SELECTOR}) from ${folder}; horizon ${horizon}, ${HISTORY_MONTHS}-month histories from ${source}; ` +
      `${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${DURATION_S} s per case after ${WARMUP_S} s warm-up; node ${process.version} ` +
      `${NODE_FLAGS.join(' ') || '(no flags)'}, ${os.cpus().length} CPUs; served model ${manifest.ensemble ? 'an ensemble (the reference scores its trees alone)' : 'trees only'}`,
  );

  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-cache-'));
  // The served forecasts' log, as in production, but in a folder removed afterwards: a bench run logs millions of
  // points, which under the default ./forecast-log grew the checkout by gigabytes.
  const forecastLogDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-forecast-log-'));
  const serviceEnv = (monitoring: boolean): NodeJS.ProcessEnv => ({
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    MODEL_REGISTRY_URL: `file:${folder}`,
    MODEL_NAME: MODEL,
    MODEL_VERSION: String(version),
    MODEL_CACHE_DIR: cacheDir,
    FORECAST_LOG_URL: `file:${forecastLogDir}`,
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    MONITORING_ENABLED: String(monitoring),
  });
  const lagDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-lag-reference-'));
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve('reports/cpu-prof')}`] : [];
  const servers: [string, string, NodeJS.ProcessEnv][] = [
    [REFERENCE, path.join(__dirname, 'reference-server.js'), { ...process.env, REFERENCE_MODEL_DIR: path.join(folder, MODEL, String(version)) }],
    [SERVICE, path.join(__dirname, 'service-process.js'), serviceEnv(true)],
    [SERVICE_NO_MONITORING, path.join(__dirname, 'service-process.js'), serviceEnv(false)],
    [LAG_REFERENCE, path.join(__dirname, 'lag-reference-server.js'), { ...process.env, LAG_REFERENCE_DIR: lagDir }],
  ];

  // BENCH_SERVERS=reference,service narrows the run, e.g. to profile one server with BENCH_CPU_PROF=1.
  const only = process.env.BENCH_SERVERS?.split(',').map((s) => s.trim());
  const keys: Record<string, string> = { [REFERENCE]: 'reference', [SERVICE]: 'service', [SERVICE_NO_MONITORING]: 'service-no-monitoring', [LAG_REFERENCE]: 'lag-reference' };
  const selected = servers.filter(([label]) => !only || only.includes(keys[label]));
  if (selected.some(([label]) => label === LAG_REFERENCE)) await trainLagModel(manifest.training, horizon, lagDir);

  const started: BenchServer[] = [];
  const results: ServerResult[] = [];
  try {
    const idleRss = new Map<string, number>();
    let expected: number[] | undefined;
    for (const [label, script, env] of selected) {
      const server = await BenchServer.start(label, script, env, [...NODE_FLAGS, ...(label === SERVICE || label === SERVICE_NO_MONITORING ? profile : [])]);
      started.push(server);
      idleRss.set(label, (await server.stats()).rssBytes);
      // Every server doing the service's work must compute the same forecasts, or the comparison is not of the
      // same work. The lag reference has a model of its own, and the reference scores the trees alone, which is
      // the service's work only for a trees-only model: those must just answer every point.
      const values = await forecastValues(server.url, body(100));
      const ownWork = label === LAG_REFERENCE || (label === REFERENCE && manifest.ensemble !== undefined);
      if (values.length !== 100 * horizon || !values.every(Number.isFinite)) throw new Error(`${label} answered ${values.length} points, not ${100 * horizon} finite ones`);
      if (!ownWork) {
        expected ??= values;
        const worst = Math.max(...values.map((v, i) => Math.abs(v - expected![i]) / Math.max(1, Math.abs(expected![i]))));
        if (values.length !== expected.length || worst > 1e-4) throw new Error(`${label} forecasts differ from the first server's (worst relative difference ${worst})`);
      }
      // Warm-up lets V8 optimise and onnxruntime size its arena before anything is counted.
      for (const load of cases) await runLoad(label, server.url, load, CONNECTIONS, WARMUP_S);
    }
    // Rounds interleave the servers so that a burst of other work on the machine hits all of them alike;
    // each figure reported is the median over rounds. Idle servers only wait on their sockets meanwhile.
    const rounds = new Map<string, CaseResult[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const server of started) {
        for (const load of cases) {
          const key = `${server.label}|${load.body}`;
          const before = await server.stats();
          const result = await runLoad(server.label, server.url, load, CONNECTIONS, DURATION_S);
          const cpuMicros = (await server.stats()).cpuMicros - before.cpuMicros;
          result.cpuMicrosPerRequest = cpuMicros / Math.max(1, result.requestsTotal);
          rounds.set(key, [...(rounds.get(key) ?? []), result]);
        }
      }
      process.stderr.write(`  round ${round}/${ROUNDS} done\n`);
    }
    for (const server of started) {
      const { maxRssBytes } = await server.stats();
      results.push({
        server: server.label,
        idleRssBytes: idleRss.get(server.label)!,
        peakRssBytes: maxRssBytes,
        cases: cases.map((load) => medianCase(rounds.get(`${server.label}|${load.body}`)!)),
      });
    }
  } finally {
    for (const server of started) await server.stop();
    await fs.rm(cacheDir, { recursive: true, force: true });
    await fs.rm(forecastLogDir, { recursive: true, force: true });
    await fs.rm(lagDir, { recursive: true, force: true });
  }

  const checks = checkTargets(results);
  // The floors are a measurement: a FAIL is printed, never an exit code.
  const floors = checkFloors(results);
  console.log(`\n${formatReport(results, checks, floors)}`);
  if (process.env.BENCH_OUTPUT) await fs.writeFile(process.env.BENCH_OUTPUT, JSON.stringify({ results, checks, floors }, null, 2) + '\n');
  const errors = results.flatMap((r) => r.cases).reduce((sum, c) => sum + c.errors, 0);
  if (errors > 0) {
    console.error(`${errors} requests failed: the figures above are not valid`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
