// Overload measurement of issue 10: `npm run build && node scripts/load/measure-overload.js` (EXTRA='{"VAR":"value"}'
// adds environment). 256 connections of 1,000-series bodies for 10 s against node --max-old-space-size=256
// dist/main.js (the chart's settings), liveness probed on the management port every 100 ms from its own process,
// as the kubelet does, peak RSS from /proc.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const autocannon = require('autocannon');
const port = 18080 + Math.floor(Math.random() * 1000);
// The forecast log in a folder removed afterwards, not the checkout's ./forecast-log.
const forecastLogDir = fs.mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'overload-forecast-log-'));
// The management port, where the chart's probes go (src/health/management-probes.ts).
const managementPort = port + 1000;
const child = spawn(process.execPath, ['--max-old-space-size=256', ...(process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}`] : []), 'dist/main.js'], { cwd: require('node:path').resolve(__dirname, '..', '..'), env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), METRICS_PORT: String(managementPort), LOG_LEVEL: 'error', MODEL_REGISTRY_URL: 'file:./registry', FORECAST_LOG_URL: `file:${forecastLogDir}`, SHUTDOWN_DRAIN_DELAY_MS: '0', ...JSON.parse(process.env.EXTRA || '{}') }, stdio: 'inherit' });
const url = `http://127.0.0.1:${port}`;
// BODY=trained (default): 1,000 series of the model's own training panel (aus_retail, last 60 months), the monthly
// portfolio batch, answered with the per-series models fitted in training. BODY=unseen: 1,000 series the model has
// never seen, whose models are fitted at request time (about 4 ms of CPU per series here).
const root = require('node:path').resolve(__dirname, '..', '..');
function trainedSeries() {
  const { seriesFromCsv } = require(`${root}/dist/bench/bench-bodies.js`);
  const panel = seriesFromCsv(fs.readFileSync(`${root}/data/aus_retail/sales.csv`, 'utf8'), 60);
  return Array.from({ length: 1000 }, (_, i) => ({ ...panel[i % panel.length], id: `s${i}` }));
}
const values = Array.from({ length: 60 }, (_, t) => Math.round(100 * (1 + 0.3 * Math.sin(t / 2)) * 100) / 100);
const unseenSeries = () => Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, country: 'NSW', sku: 'food_retailing', history: { start: '2014-01', values } }));
const body = JSON.stringify({ horizon: 12, series: process.env.BODY === 'unseen' ? unseenSeries() : trainedSeries() });
let maxRss = 0;
const rssTimer = setInterval(() => { try { const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')); maxRss = Math.max(maxRss, Number(m[1]) * 1024); } catch {} }, 100);
(async () => {
  for (;;) { try { if ((await fetch(url + '/health/ready')).status === 200) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
  const run = (opts) => new Promise((res, rej) => autocannon(opts, (e, r) => (e ? rej(e) : res(r))));
  // Liveness probed from its own process, one request every 100 ms, as the kubelet would.
  const probe = spawn(process.execPath, ['-e', `
    const http = require('http'); const lat = []; const end = Date.now() + 10000;
    (function next() { if (Date.now() > end) { lat.sort((a, b) => a - b); console.log(JSON.stringify({ n: lat.length, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)], max: lat[lat.length - 1] })); return; }
      const t = Date.now(); http.get('http://127.0.0.1:${managementPort}/health/live', { agent: false }, (r) => { r.resume(); r.on('end', () => { lat.push(Date.now() - t); setTimeout(next, 100); }); }).on('error', () => setTimeout(next, 100)); })();`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let probeOut = ''; probe.stdout.on('data', (d) => (probeOut += d));
  const probed = new Promise((r) => probe.on('exit', () => r(JSON.parse(probeOut))));
  const [load, liveStats] = await Promise.all([
    run({ url: url + '/v1/forecast', method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 256, duration: 10 }),
    probed,
  ]);
  const live = { latency: { p99: liveStats.p99, max: liveStats.max } };
  const t = Date.now();
  const after = await fetch(url + '/v1/forecast', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  console.log(JSON.stringify({ statusCodes: load.statusCodeStats, non2xx: load.non2xx, latencyP99: load.latency.p99, latencyP50: load.latency.p50, errors: load.errors, timeouts: load.timeouts, liveP99: live.latency.p99, liveMax: live.latency.max, maxRssMB: Math.round(maxRss / 1048576), afterLoadStatus: after.status, afterLoadMs: Date.now() - t }));
  clearInterval(rssTimer); child.kill('SIGTERM');
  child.on('exit', () => fs.rmSync(forecastLogDir, { recursive: true, force: true }));
})();
