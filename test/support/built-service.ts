import { AddressInfo, createServer } from 'node:net';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_REGISTRY_URL, REPO_ROOT } from './app';

let built = false;

/** Compiles src -> dist once per test process, so suites can run `node dist/main.js` as production does. */
export function buildOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
  built = true;
}

export interface SpawnedService {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node dist/main.js` with exactly `env` (plus PATH), collecting stdout and stderr. */
export function spawnMain(env: NodeJS.ProcessEnv): SpawnedService {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'main.js')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** A loopback port nothing listens on right now, for a child process told to listen there. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BuiltService extends SpawnedService {
  /** `http://127.0.0.1:<port>` of the API. */
  url: string;
  /** `http://127.0.0.1:<port>` of the management port (metrics, probes). */
  metricsUrl: string;
}

/**
 * `node dist/main.js` on free loopback ports, serving the fixture registry with quiet logs, no drain delay and
 * its own model cache (named after `name`), unless `overrides` says otherwise: the built-process counterpart of
 * startService (app.ts).
 */
export async function spawnService(name: string, overrides: NodeJS.ProcessEnv = {}): Promise<BuiltService> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const service = spawnMain({
    HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    LOG_LEVEL: 'warn',
    MODEL_REGISTRY_URL: FIXTURE_REGISTRY_URL,
    MODEL_CACHE_DIR: path.join(os.tmpdir(), `demand-forecast-${name}-test-${process.pid}`),
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    ...overrides,
  });
  return { ...service, url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}` };
}
