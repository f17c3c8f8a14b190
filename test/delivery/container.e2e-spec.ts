import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { repoRoot } from './support/commands';
import { builtImage } from './support/built-image';
import { ContainerTool } from './support/container-tool';

// Builds the image with CONTAINER_TOOL (once per content, shared by suites) and runs it as Kubernetes would:
// its own user and command, env only. buildah with npm ci inside takes minutes.
jest.setTimeout(15 * 60_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('container image', () => {
  const tool = new ContainerTool();
  let tag: string;
  let app: ChildProcess | undefined;
  let output = '';
  let port: number;
  let metricsPort: number;

  beforeAll(async () => {
    tag = builtImage(tool);
    port = await freePort();
    metricsPort = await freePort();
  });

  afterAll(async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGKILL');
      await exited(app);
    }
  });

  it('runs as a numeric non-root user and reports its size', () => {
    const { user, sizeBytes } = tool.inspect(tag);
    expect(user).toMatch(/^[1-9][0-9]*(:[0-9]+)?$/);
    console.info(`image ${tag}: ${(sizeBytes / 1e6).toFixed(0)} MB (${tool.setting})`);
    expect(sizeBytes).toBeGreaterThan(0);
  });

  it('ships only what serves: the application folder is at most 150 MiB, without bench, training or TypeScript', () => {
    const [bytes] = tool.exec(tag, ['du', '-sb', '/app']).trim().split(/\s+/);
    const mib = Number(bytes) / 2 ** 20;
    console.info(`image ${tag}: /app is ${mib.toFixed(1)} MiB`);
    expect(mib).toBeGreaterThan(0);
    expect(mib).toBeLessThanOrEqual(150);
    const listing = tool.exec(tag, ['sh', '-c', 'ls /app/dist; ls /app/node_modules; ls /app/node_modules/onnxruntime-node/bin/napi-v6/*']);
    const names = listing.split('\n').map((l) => l.trim());
    for (const absent of ['bench', 'training', 'typescript', 'onnx-proto', 'csv-parse', 'cli-progress', 'darwin', 'win32', 'arm64']) {
      expect({ absent, present: names.includes(absent) }).toEqual({ absent, present: false });
    }
    expect(names).toEqual(expect.arrayContaining(['main.js', 'onnxruntime-node', 'x64']));
  });

  it('still loads what only some configurations reach: the Azure Blob store and OpenTelemetry export', () => {
    // The pruning removed files by kind; these modules load lazily, so the boot below would not notice.
    const script = [
      "const { createModelStore } = require('/app/dist/registry/create-model-store');",
      "const store = createModelStore('https://account.blob.core.windows.net/models');",
      "require('/app/dist/monitoring/tracing/tracing');",
      "console.log(store.location, require('@opentelemetry/api').trace.getTracerProvider().getDelegate().constructor.name);",
    ].join(' ');
    const out = tool.exec(tag, ['sh', '-c', `cd /app && OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9 node -e "${script}"`]);
    expect(out.trim().split('\n').pop()).toBe('https://account.blob.core.windows.net/models NodeTracerProvider');
  });

  it('becomes ready, forecasts, serves metrics and exits 0 on SIGTERM', async () => {
    app = tool.start(tag, { PORT: String(port), METRICS_PORT: String(metricsPort) });
    app.stdout!.on('data', (d) => (output += d));
    app.stderr!.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;

    const deadline = Date.now() + 180_000;
    let ready = 0;
    while (ready !== 200) {
      if (app.exitCode !== null) throw new Error(`container exited ${app.exitCode} before ready:\n${output}`);
      if (Date.now() > deadline) throw new Error(`/health/ready not 200 after 180 s (last ${ready}):\n${output}`);
      ready = await fetch(`${base}/health/ready`).then((r) => r.status, () => 0);
      if (ready !== 200) await new Promise((r) => setTimeout(r, 1000));
    }

    const body = fs.readFileSync(path.join(repoRoot, 'scripts/delivery/forecast-request.json'), 'utf8');
    const forecast = await fetch(`${base}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await forecast.text();
    expect({ ok: forecast.ok, status: forecast.status, text }).toEqual({ ok: true, status: forecast.status, text });
    expect(JSON.parse(text)).toEqual(expect.any(Object));

    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);

    tool.stop(app);
    // The deadline timer is cleared once the app has exited: left running, it kept jest alive for a minute
    // after the suite ended (the handle `--forceExit` used to hide).
    let exitTimer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (exitTimer = setTimeout(() => r('timeout'), 60_000)));
    const code = await Promise.race([exited(app), timedOut]).finally(() => clearTimeout(exitTimer));
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  });
});
