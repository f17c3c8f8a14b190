import { CaseResult } from './bench-report';

interface AutocannonOptions {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

// autocannon ships no type declarations; this is the part of its API the benchmark uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;

export interface LoadCase {
  body: string;
  seriesPerRequest: number;
  payload: string;
}

/** Loads POST /v1/forecast with one body for `durationSeconds` over `connections` keep-alive connections. */
export async function runLoad(server: string, url: string, load: LoadCase, connections: number, durationSeconds: number): Promise<CaseResult & { requestsTotal: number }> {
  const result = await autocannon({
    url: `${url}/v1/forecast`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: load.payload,
    connections,
    duration: durationSeconds,
  });
  return {
    server,
    body: load.body,
    seriesPerRequest: load.seriesPerRequest,
    requestsPerSecond: result.requests.average,
    seriesPerSecond: result.requests.average * load.seriesPerRequest,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    requestsTotal: result.requests.total,
  };
}
