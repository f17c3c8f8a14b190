import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion without a shell; throws with its output when it does not exit 0. */
export function run(program: string, args: string[], options: { cwd?: string; allowFailure?: boolean } = {}): CommandResult {
  const result = spawnSync(program, args, {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${program} could not be started: ${result.error.message}`);
  const out = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  if (!options.allowFailure && result.status !== 0) {
    throw new Error(`${program} ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return out;
}

export function isOnPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v "${program}"`], { encoding: 'utf8' }).status === 0;
}
