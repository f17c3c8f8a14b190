import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseMonth } from '../../features/month';
import { createForecastLogStore } from '../../monitoring/forecast-log/create-forecast-log-store';
import { ForecastLogJoin } from '../../monitoring/forecast-log/forecast-log-join';
import { ForecastLogWriter } from '../../monitoring/forecast-log/forecast-log-writer';
import { liveAccuracy } from './live-accuracy';
import { judgeChallenger, MIN_LIVE_POINTS } from './promotion-rule';

describe('live accuracy from the forecast log', () => {
  it('sums the served version\'s scored actuals of the last months, as the fleet counters do', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'live-accuracy-'));
    const log = createForecastLogStore(`file:${folder}`);
    const writer = new ForecastLogWriter(log, { maxBufferedPoints: 1000, flushIntervalMs: 60_000 }, { written() {}, dropped() {}, writeFailed() {} });
    const jan = parseMonth('2030-01');
    writer.enqueue('m', '3', [{ country: 'AU', sku: 'A', firstMonth: jan, values: [120, 90] }]);
    writer.enqueue('m', '4', [{ country: 'AU', sku: 'B', firstMonth: jan, values: [10] }]);
    await writer.close();
    await new ForecastLogJoin(log, 'r').join('m', [
      { country: 'AU', sku: 'A', month: jan, value: 100 },
      { country: 'AU', sku: 'A', month: jan + 1, value: 100 },
      { country: 'AU', sku: 'B', month: jan, value: 5 },
    ]);
    // version 3: errors +20 and −10 on actuals 100 and 100
    expect(await liveAccuracy(log, 'm', 3)).toEqual({ version: 3, points: 2, from: '2030-01', to: '2030-02', wape: 0.15, accuracy: 0.85, bias: 0.05 });
    expect(await liveAccuracy(log, 'm', 3, { months: 1 })).toMatchObject({ points: 1, from: '2030-02', wape: 0.1, bias: -0.1 });
    expect((await liveAccuracy(log, 'm', 9)).points).toBe(0);
    // a key whose month segment looks like a month but is none is not a claim, and the figure stands
    await log.store.write('claims/m/2030-13/stray.json', Buffer.from('{}'), { ifNoneMatch: '*' });
    expect(await liveAccuracy(log, 'm', 3)).toMatchObject({ points: 2, from: '2030-01', to: '2030-02' });
    fs.rmSync(folder, { recursive: true, force: true });
  });
});

describe('promotion with live accuracy', () => {
  const champion = { wape: 0.1, bias: 0.01 };
  const live = (wape: number, bias = 0.02, points = MIN_LIVE_POINTS) => ({ version: 1, points, wape, accuracy: 1 - wape, bias });

  it.each([
    ['the holdout decides when the champion holds up live', { wape: 0.11, bias: 0.01 }, live(0.105), false, /in line with its holdout/],
    ['a degraded champion yields to a candidate no worse than its live accuracy', { wape: 0.11, bias: 0.01 }, live(0.15), true, /degraded in production/],
    ['a degraded champion stays when the candidate is worse than its live accuracy', { wape: 0.16, bias: 0.01 }, live(0.15), false, /no better/],
    ['a degraded champion stays when the candidate\'s bias is worse than its live bias', { wape: 0.11, bias: 0.05 }, live(0.15, 0.02), false, /no better/],
    ['too few live points are reported and not used', { wape: 0.11, bias: 0.01 }, live(0.5, 0.02, 10), false, /10 points .* not used/],
    ['a holdout win needs no live evidence', { wape: 0.09, bias: 0.01 }, live(0.05), true, /holdout WAPE 0.0900 < 0.1000/],
  ])('%s', (_name, candidate, liveAccuracy, better, reason) => {
    const verdict = judgeChallenger(candidate, champion, 1, liveAccuracy);
    expect(verdict.better).toBe(better);
    expect(verdict.reason).toMatch(reason);
  });
});
