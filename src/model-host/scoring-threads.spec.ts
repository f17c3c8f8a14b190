import * as path from 'node:path';
import Piscina from 'piscina';
import { ForecastInput } from '../prediction/forecast-input';
import { PipelineResult } from '../prediction/forecast-pipeline';
import { ForecastCancelledError } from '../prediction/forecast-cancelled.error';
import { scoreInTurn, scoringPoolOptions } from './scoring-threads';

const slices = (n: number): ForecastInput[] => Array.from({ length: n }, (_, k) => ({ horizon: k + 1, series: [] }));
const resultOf = (slice: ForecastInput) => ({ stages: [], horizonSeen: slice.horizon }) as unknown as PipelineResult;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('scoreInTurn', () => {
  it('answers in slice order with at most `lanes` slices scoring at once', async () => {
    let running = 0;
    let most = 0;
    const score = async (slice: ForecastInput) => {
      most = Math.max(most, ++running);
      for (let k = 0; k < 5 - (slice.horizon % 3); k++) await tick(); // finishing out of order
      running--;
      return resultOf(slice);
    };
    const results = await scoreInTurn(slices(9), 2, score);
    expect(results.map((r) => (r as unknown as { horizonSeen: number }).horizonSeen)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(2);
  });

  it('starts no further slice once cancelled, and rejects with ForecastCancelledError', async () => {
    const started: number[] = [];
    const controller = new AbortController();
    const score = async (slice: ForecastInput) => {
      started.push(slice.horizon);
      if (slice.horizon === 3) controller.abort();
      await tick();
      return resultOf(slice);
    };
    await expect(scoreInTurn(slices(10), 1, score, controller.signal)).rejects.toBeInstanceOf(ForecastCancelledError);
    expect(started).toEqual([1, 2, 3]);
  });

  it('starts no further slice once one has failed, and rejects with its error', async () => {
    const started: number[] = [];
    const score = async (slice: ForecastInput) => {
      started.push(slice.horizon);
      await tick();
      if (slice.horizon === 2) throw new Error('thread lost');
      return resultOf(slice);
    };
    await expect(scoreInTurn(slices(10), 2, score)).rejects.toThrow('thread lost');
    await tick();
    await tick();
    expect(started).toEqual([1, 2, 3]);
  });
});

describe('scoringPoolOptions', () => {
  it('scores slices first come, first served: a request waiting in the queue is not overtaken by those that keep sending', async () => {
    const pool = new Piscina(scoringPoolOptions(path.resolve(__dirname, '../../test/support/sleeping-worker.js'), 1, undefined));
    try {
      const finished: string[] = [];
      // Four requests of eight slices each, every request sending its next slice as soon as its last one is answered.
      const request = async (tag: string) => {
        for (let k = 0; k < 8; k++) finished.push(await pool.run({ tag, ms: 10 }));
      };
      await Promise.all(['a', 'b', 'c', 'd'].map(request));
      // Each request's first slice is among the first five answered (piscina's default order answered one of them
      // only after the other three had finished all of theirs).
      for (const tag of ['a', 'b', 'c', 'd']) expect(finished.indexOf(tag)).toBeLessThan(5);
    } finally {
      await pool.destroy();
    }
  });
});
