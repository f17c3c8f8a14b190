import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/app';
import { buildOnce } from '../../support/built-service';

const run = promisify(execFile);

// Measured on this machine (2 shared cores, 2026-12-01): 150 series × 96 months with 20 trees peaked at 193 MiB
// RSS in a fresh node process (a bare one is about 70 MiB; onnxruntime's verification adds about 30). The ceiling
// is 1.5× that measurement, so a change that holds the panel or the training rows several times over fails here.
// 96 months, so the backtest also trains trees (they need 49 months before its cut) as on a long panel.
const RSS_CEILING_MIB = 290;

interface ScaleResult {
  series: number;
  months: number;
  rows: number;
  peakRssMib: number;
  holdout: { wape: number; bias: number; hwWape: number; snaiveWape: number; series: number };
  backtestCoverage: { overall: { inside: number; points: number } };
}

describe('training memory on a scaled-down synthetic panel (npm run train:scale)', () => {
  let result: ScaleResult;
  let stderr: string;

  beforeAll(async () => {
    buildOnce();
    // A child process, so peak RSS is the training's own and not jest's.
    const cli = path.join(REPO_ROOT, 'dist', 'training', 'scale', 'scale-train-cli.js');
    const args = ['--series', '150', '--months', '96', '--trees', '20', '--seed', '5', '--max-rss-mib', String(RSS_CEILING_MIB), '--max-minutes', '60'];
    try {
      const out = await run(process.execPath, [cli, ...args], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
      stderr = out.stderr;
      const line = out.stdout.split('\n').find((l) => l.startsWith('scale-result '));
      result = JSON.parse(line!.slice('scale-result '.length)) as ScaleResult;
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      throw new Error(`train:scale exited ${failed.code}:\n${failed.stdout}\n${failed.stderr}`);
    }
  }, 600_000);

  it(`stays under ${RSS_CEILING_MIB} MiB peak RSS, which the CLI itself checks`, () => {
    expect(result.peakRssMib).toBeGreaterThan(0);
    expect(result.peakRssMib).toBeLessThanOrEqual(RSS_CEILING_MIB);
    expect(stderr).not.toMatch(/over the limit/);
  });

  it('trains on the whole panel and scores every series long enough to hold out', () => {
    expect(result).toMatchObject({ series: 150, months: 96 });
    expect(result.rows).toBeGreaterThan(150 * 6);
    expect(stderr).toMatch(/150 series, 2015-01\.\.2022-12/);
    expect(stderr).toMatch(/registered demand-forecast version 1/);
    expect(result.holdout.series).toBeGreaterThan(135);
    expect(result.holdout.series).toBeLessThanOrEqual(150);
  });

  it('learns something: holdout WAPE below seasonal naive, finite bias, backtest intervals covering most actuals', () => {
    expect(result.holdout.wape).toBeLessThan(result.holdout.snaiveWape);
    expect(Number.isFinite(result.holdout.bias)).toBe(true);
    const { inside, points } = result.backtestCoverage.overall;
    expect(points).toBeGreaterThan(0);
    expect(inside / points).toBeGreaterThan(0.6);
  });

  it('exits 1 naming the limit when peak RSS is over --max-rss-mib', async () => {
    const cli = path.join(REPO_ROOT, 'dist', 'training', 'scale', 'scale-train-cli.js');
    // A 1 MiB ceiling is below any node process, so even a tiny panel must trip it (after training completes).
    const failed = await run(process.execPath, [cli, '--series', '10', '--months', '72', '--trees', '2', '--max-rss-mib', '1'], { cwd: REPO_ROOT }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/over the limit: peak RSS \d+ MiB > 1 MiB/);
  }, 300_000);
});
