import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bootstrap, RunningService } from '../../src/bootstrap';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURE_REGISTRY = path.join(REPO_ROOT, 'test', 'fixtures', 'registry');
export const FIXTURE_REGISTRY_URL = `file:${FIXTURE_REGISTRY}`;

/**
 * Boots the real app in this process on free loopback ports, serving the fixture registry unless `overrides`
 * says otherwise. Quiet logs, no drain delay and quick retries, so suites stay fast; close() when done.
 */
export function startService(overrides: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  return bootstrap({
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'silent',
    MODEL_REGISTRY_URL: FIXTURE_REGISTRY_URL,
    MODEL_CACHE_DIR: path.join(os.tmpdir(), `demand-forecast-test-cache-${process.pid}`),
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    // A scoring thread runs compiled JavaScript (dist/); booted from sources the app scores on its own thread.
    // The suites that start dist/main.js (test/support/built-service.ts) serve from scoring threads.
    SCORING_THREADS: '0',
    REGISTRY_RETRY_INITIAL_MS: '50',
    REGISTRY_RETRY_MAX_MS: '500',
    // A fresh log per service unless a suite shares one between replicas.
    FORECAST_LOG_URL: `file:${fs.mkdtempSync(path.join(os.tmpdir(), 'forecast-log-'))}`,
    ...overrides,
  });
}

export interface Readiness {
  status: number;
  body: { status: string; reason?: string; model?: { name: string; version?: number } };
}

export async function readiness(url: string): Promise<Readiness> {
  const response = await fetch(`${url}/health/ready`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

/** Polls /health/ready until `until` holds (default: 200) or the time is up; returns the last answer. */
export async function waitForReadiness(
  url: string,
  until: (r: Readiness) => boolean = (r) => r.status === 200,
  timeoutMs = 30_000,
): Promise<Readiness> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Until the process listens, connections are refused; that is "not yet", not a failure.
    const last = await readiness(url).catch((error: unknown) => {
      if (Date.now() > deadline) throw error;
      return undefined;
    });
    if (last && (until(last) || Date.now() > deadline)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
