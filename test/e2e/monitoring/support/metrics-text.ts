import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export async function fetchMetrics(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
  return response.text();
}

/** Value of one sample in exposition text; `labels` must match the sample's labels exactly (any order). */
export function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const match = /^[^{\s]+(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) continue;
    const found: Record<string, string> = {};
    for (const pair of (match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) found[pair[1]] = pair[2];
    const wanted = Object.entries(labels);
    if (wanted.length === Object.keys(found).length && wanted.every(([k, v]) => found[k] === v)) return Number(match[2]);
  }
  return undefined;
}

/** Runs `promtool check metrics` on exposition text; throws with promtool's complaints. promtool must be installed. */
export function promtoolCheckMetrics(text: string): void {
  const located = spawnSync('promtool', ['--version']);
  if (located.error) throw new Error('promtool is not on PATH: apt-get install -y prometheus (.ci/run installs it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-'));
  try {
    const file = path.join(dir, 'metrics.txt');
    fs.writeFileSync(file, text);
    execFileSync('sh', ['-c', `promtool check metrics < "${file}"`], { stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`promtool check metrics failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
