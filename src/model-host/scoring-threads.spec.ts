import { ForecastInput } from '../prediction/forecast-input';
import { PipelineResult } from '../prediction/forecast-pipeline';
import { ForecastCancelledError } from '../prediction/forecast-cancelled.error';
import { scoreInTurn } from './scoring-threads';

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
