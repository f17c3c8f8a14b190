// How much a second scoring thread shortens one heavy request (`npm run build && node scripts/load/measure-split.js`):
// the built service with SCORING_THREADS=1 and then 2, each answering the same 1,000-series body of series the
// model has never seen (request-time fits, seconds of CPU) five times, one at a time. Prints each run's median and
// their ratio, and whether both answered the same bytes. RUNS=n changes the count.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { unseenSeries, waitForReady } = require('./load-support');

const root = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.RUNS || 5);
// The body measure-overload.js sends with BODY=unseen.
const body = JSON.stringify({ horizon: 12, series: unseenSeries(1000) });

async function measure(threads) {
  const port = 17000 + Math.floor(Math.random() * 1000);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'split-'));
  const env = { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), METRICS_PORT: String(port + 1000), LOG_LEVEL: 'error', MODEL_REGISTRY_URL: 'file:./registry', FORECAST_LOG_URL: `file:${path.join(scratch, 'log')}`, SCORING_THREADS: String(threads), SHUTDOWN_DRAIN_DELAY_MS: '0' };
  const child = spawn(process.execPath, ['--max-old-space-size=256', 'dist/main.js'], { cwd: root, stdio: 'inherit', env });
  const url = `http://127.0.0.1:${port}`;
  await waitForReady(url);
  const times = [];
  let answer = '';
  for (let k = 0; k < RUNS; k++) {
    const started = performance.now();
    const response = await fetch(`${url}/v1/forecast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    answer = await response.text();
    if (response.status !== 200) throw new Error(`status ${response.status}: ${answer.slice(0, 200)}`);
    times.push(performance.now() - started);
  }
  const peakRssMB = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  fs.rmSync(scratch, { recursive: true, force: true });
  return { medianMs: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)], times: times.map(Math.round), peakRssMB: Math.round(peakRssMB), answer };
}

(async () => {
  const one = await measure(1);
  const two = await measure(2);
  console.log(`SCORING_THREADS=1: median ${one.medianMs.toFixed(0)} ms (${one.times.join(', ')}), peak RSS ${one.peakRssMB} MB`);
  console.log(`SCORING_THREADS=2: median ${two.medianMs.toFixed(0)} ms (${two.times.join(', ')}), peak RSS ${two.peakRssMB} MB`);
  console.log(`ratio (2 threads / 1): ${(two.medianMs / one.medianMs).toFixed(2)}; same answer: ${one.answer === two.answer}`);
})();
