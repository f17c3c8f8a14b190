/** One load case against one server, as measured. */
export interface CaseResult {
  server: string;
  body: string;
  seriesPerRequest: number;
  requestsPerSecond: number;
  seriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** The server process's CPU time (user + system) per request answered: robust where throughput is noisy. */
  cpuMicrosPerRequest?: number;
}

export interface ServerResult {
  server: string;
  /** Resident set once ready, before any load. */
  idleRssBytes: number;
  peakRssBytes: number;
  cases: CaseResult[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export const SERVICE = 'service';
export const SERVICE_NO_MONITORING = 'service (MONITORING_ENABLED=false)';
export const REFERENCE = 'reference (Fastify + onnxruntime)';
export const LAG_REFERENCE = 'lag reference (lag features only)';
export const SINGLE = 'single-series';
export const HUNDRED = '100-series';

const MB = 1024 * 1024;

function find(results: ServerResult[], server: string, body: string): CaseResult | undefined {
  return results.find((r) => r.server === server)?.cases.find((c) => c.body === body);
}

function ratio(a: number | undefined, b: number | undefined): number {
  return a !== undefined && b !== undefined && b > 0 ? a / b : Number.NaN;
}

/** The issue's targets, checked against measured results; a missing measurement counts as missed. */
export function checkTargets(results: ServerResult[]): TargetCheck[] {
  const service1 = find(results, SERVICE, SINGLE);
  const service100 = find(results, SERVICE, HUNDRED);
  const reference1 = find(results, REFERENCE, SINGLE);
  const reference100 = find(results, REFERENCE, HUNDRED);
  const off1 = find(results, SERVICE_NO_MONITORING, SINGLE);
  const off100 = find(results, SERVICE_NO_MONITORING, HUNDRED);
  const rss = results.find((r) => r.server === SERVICE)?.peakRssBytes;
  const checks: [string, number, (v: number) => boolean, (v: number) => string][] = [
    ['single-series requests/s >= 0.7x reference', ratio(service1?.requestsPerSecond, reference1?.requestsPerSecond), (v) => v >= 0.7, (v) => `${v.toFixed(2)}x`],
    ['100-series series/s >= 1.0x reference', ratio(service100?.seriesPerSecond, reference100?.seriesPerSecond), (v) => v >= 1.0, (v) => `${v.toFixed(2)}x`],
    ['single-series p99 < 10 ms at 16 connections', service1?.p99Ms ?? Number.NaN, (v) => v < 10, (v) => `${v.toFixed(1)} ms`],
    ['service peak RSS < 300 MB', (rss ?? Number.NaN) / MB, (v) => v < 300, (v) => `${v.toFixed(0)} MB`],
    ['monitoring on >= 0.9x off (single-series requests/s)', ratio(service1?.requestsPerSecond, off1?.requestsPerSecond), (v) => v >= 0.9, (v) => `${v.toFixed(2)}x`],
    ['monitoring on >= 0.9x off (100-series series/s)', ratio(service100?.seriesPerSecond, off100?.seriesPerSecond), (v) => v >= 0.9, (v) => `${v.toFixed(2)}x`],
  ];
  return checks.map(([target, value, ok, show]) => ({ target, measured: Number.isNaN(value) ? 'not measured' : show(value), met: !Number.isNaN(value) && ok(value) }));
}

/**
 * Issue 9's serving floors, against the lag reference of the same run: the service may spend on its per-series
 * models, but not more than half the throughput of the least a tree-model server does. PASS/FAIL, never an exit code.
 */
export function checkFloors(results: ServerResult[]): TargetCheck[] {
  const service100 = find(results, SERVICE, HUNDRED);
  const lag100 = find(results, LAG_REFERENCE, HUNDRED);
  const service1 = find(results, SERVICE, SINGLE);
  const lag1 = find(results, LAG_REFERENCE, SINGLE);
  // The lag reference's own tail beside the service's: on a busy machine it says how much of the p99 is the machine.
  // Throughput ratios swing from run to run on a shared machine; server CPU per request is the steadier reading of the same cost.
  const cpuRatio = ratio(lag100?.cpuMicrosPerRequest, service100?.cpuMicrosPerRequest);
  const cpuBeside = Number.isNaN(cpuRatio) ? '' : ` (by server CPU per request ${cpuRatio.toFixed(2)}x)`;
  const beside = lag1 ? ` (lag reference ${lag1.p99Ms.toFixed(1)} ms)` : '';
  const floors: [string, number, (v: number) => boolean, (v: number) => string][] = [
    ['100-series series/s >= 0.5x lag reference', ratio(service100?.seriesPerSecond, lag100?.seriesPerSecond), (v) => v >= 0.5, (v) => `${v.toFixed(2)}x${cpuBeside}`],
    ['single-series p99 <= 10 ms at 16 connections', service1?.p99Ms ?? Number.NaN, (v) => v <= 10, (v) => `${v.toFixed(1)} ms${beside}`],
  ];
  return floors.map(([target, value, ok, show]) => ({ target, measured: Number.isNaN(value) ? 'not measured' : show(value), met: !Number.isNaN(value) && ok(value) }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One case from several rounds: each figure is the median of its rounds, errors are summed. */
export function medianCase(rounds: CaseResult[]): CaseResult {
  return {
    ...rounds[0],
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    seriesPerSecond: median(rounds.map((r) => r.seriesPerSecond)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    ...(rounds.every((r) => r.cpuMicrosPerRequest !== undefined) ? { cpuMicrosPerRequest: median(rounds.map((r) => r.cpuMicrosPerRequest!)) } : {}),
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Prints the table (series/s also as a ratio of the lag reference's, when it ran), the targets, then the floors. */
export function formatReport(results: ServerResult[], checks: TargetCheck[], floors: TargetCheck[] = []): string {
  const header = ['server', 'body', 'req/s', 'series/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'errors', 'idle RSS MB', 'peak RSS MB', 'x lag ref series/s'];
  const lagRatio = (c: CaseResult): string => {
    const value = ratio(c.seriesPerSecond, find(results, LAG_REFERENCE, c.body)?.seriesPerSecond);
    return Number.isNaN(value) ? '-' : `${value.toFixed(2)}x`;
  };
  const rows = results.flatMap((r) =>
    r.cases.map((c) => [
      c.server,
      c.body,
      c.requestsPerSecond.toFixed(0),
      c.seriesPerSecond.toFixed(0),
      c.p50Ms.toFixed(1),
      c.p99Ms.toFixed(1),
      c.cpuMicrosPerRequest === undefined ? '-' : c.cpuMicrosPerRequest.toFixed(0),
      String(c.errors),
      (r.idleRssBytes / MB).toFixed(0),
      (r.peakRssBytes / MB).toFixed(0),
      lagRatio(c),
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((cell, i) => pad(cell, widths[i])).join('  ').trimEnd();
  const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const targets = checks.map((c) => `${c.met ? 'MET   ' : 'MISSED'}  ${pad(c.target, 56)} ${c.measured}`);
  if (floors.length === 0) return [...table, '', ...targets].join('\n');
  const held = floors.filter((f) => f.met).length;
  const floorLines = floors.map((f) => `${f.met ? 'PASS' : 'FAIL'}  ${pad(f.target, 56)} ${f.measured}`);
  const summary = `FLOORS (issue 9): ${held === floors.length ? 'ALL HELD' : `${floors.length - held} OF ${floors.length} FAILED`}`;
  return [...table, '', ...targets, '', summary, ...floorLines].join('\n');
}
