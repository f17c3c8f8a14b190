import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';

export interface PrometheusServer {
  url: string;
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the real `prometheus` binary (Debian package `prometheus`) on loopback, scraping `target` (one replica
 * or several, as a fleet) every second
 * and evaluating `ruleFiles` every second. Fails, never skips, when the binary is missing.
 *
 * Each copied rule group's own `interval:` is replaced by one second: the production 30 s would make every test wait
 * up to 30 s for each recorded series to appear, while the expressions under test stay exactly as shipped.
 */
export async function startPrometheus(target: string | string[], ruleFiles: string[]): Promise<PrometheusServer> {
  if (spawnSync('prometheus', ['--version']).error) {
    throw new Error('prometheus is not on PATH: apt-get install -y prometheus (.ci/run installs it)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometheus-e2e-'));
  const rules = ruleFiles.map((file, i) => {
    const copy = path.join(dir, `rules-${i}.yml`);
    const document = parse(fs.readFileSync(file, 'utf8')) as { groups: { interval?: string }[] };
    for (const group of document.groups) group.interval = '1s';
    fs.writeFileSync(copy, stringify(document));
    return copy;
  });
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: rules,
      scrape_configs: [{ job_name: 'demand-forecast', static_configs: [{ targets: Array.isArray(target) ? target : [target] }] }],
    }),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log}`);
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus did not become ready:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    async query(expr) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await response.json()) as { status: string; error?: string; data?: { result: unknown } };
      if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error}`);
      const result = body.data?.result;
      return (Array.isArray(result) ? result : []) as { metric: Record<string, string>; value: [number, string] }[];
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
