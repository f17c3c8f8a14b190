import { AddressInfo, createServer } from 'node:net';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './app';

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
