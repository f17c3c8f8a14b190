import { numericLayout } from './drift-math';
import { DriftRefresh, DriftRefreshSink, PUBLISH_UNITS_PER_BIN, Schedule, SLICE_CHECK_UNITS } from './drift-refresh';
import { DriftWindow, RowCells, TrackedQuantity } from './drift-window';

// Column 0 picks the conditioning cell (0 or 1), column 1 is tracked with edges [0, 10], plus the prediction.
const tracked: TrackedQuantity[] = [
  {
    name: 'x',
    column: 1,
    layout: numericLayout({ name: 'x', kind: 'numeric', edges: [0, 10], shares: [0.2, 0.6, 0.2], min: -5, max: 20 }),
    cellShares: [
      [0.1, 0.3, 0.6],
      [0.7, 0.2, 0.1],
    ],
  },
  { name: 'prediction', column: -1, layout: numericLayout({ name: 'prediction', kind: 'numeric', edges: [1], shares: [0.5, 0.5], min: 0, max: 2 }) },
];
const cells: RowCells = { count: 2, of: (rows, offset) => rows[offset] };
const T = tracked.length;

/** `count` rows with varied values (a few missing x), deterministic from `seed`. */
function record(window: DriftWindow, count: number, seed = 0): void {
  const data = new Float32Array(count * 2);
  const predictions = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const n = i + seed;
    data[i * 2] = n % 2;
    data[i * 2 + 1] = n % 11 === 0 ? Number.NaN : ((n * 7) % 25) - 5;
    predictions[i] = ((n * 3) % 7) / 3;
  }
  window.record(data, count, predictions);
}

/** What a sink was told, summed: the counters a refresh adds, and the gauges it last published. */
class RecordingSink implements DriftRefreshSink {
  skippedRows = 0;
  binnedRows = tracked.map((q) => new Array<number>(q.layout.labels.length).fill(0));
  expectedRows = tracked.map((q) => new Array<number>(q.layout.labels.length).fill(0));
  published: number[] = [];
  samples: number[] = [];
  computedCount = 0;

  skipped(rows: number): void {
    this.skippedRows += rows;
  }
  binned(window: DriftWindow): void {
    tracked.forEach((_, k) => {
      window.fresh(k).forEach((n, b) => (this.binnedRows[k][b] += n));
      window.freshExpected(k).forEach((n, b) => (this.expectedRows[k][b] += n));
    });
  }
  publish(window: DriftWindow, k: number): void {
    this.published.push(k);
    this.samples[k] = window.samples(k);
  }
  computed(): void {
    this.computedCount++;
  }
}

/** Runs scheduled slices only when the test says so. */
class ManualSchedule {
  private queue: (() => void)[] = [];
  readonly schedule: Schedule = (run) => {
    this.queue.push(run);
    return { cancel: () => (this.queue = this.queue.filter((r) => r !== run)) };
  };
  get pending(): number {
    return this.queue.length;
  }
  runOne(): void {
    this.queue.shift()?.();
  }
  /** Runs slices until none is scheduled; returns how many ran. */
  drain(): number {
    let slices = 0;
    while (this.queue.length > 0) {
      this.runOne();
      slices++;
    }
    return slices;
  }
}

function refreshed(capacity: number, budget: number, feed: (window: DriftWindow) => void): { window: DriftWindow; sink: RecordingSink; slices: number } {
  const window = new DriftWindow(tracked, 2, capacity, cells);
  const sink = new RecordingSink();
  const turns = new ManualSchedule();
  const refresh = new DriftRefresh(window, sink, { workUnits: budget, maxSliceMs: Infinity, schedule: turns.schedule });
  feed(window);
  refresh.step();
  const slices = 1 + turns.drain();
  expect(refresh.running).toBe(false);
  return { window, sink, slices };
}

describe('DriftRefresh', () => {
  it('gives the same window, counters and skips in slices as in one pass', () => {
    const feed = (w: DriftWindow): void => {
      record(w, 30, 0);
      record(w, 45, 30); // 75 rows into a ring of 64: 11 overwritten before binning
    };
    const onePass = refreshed(64, Infinity, feed);
    const sliced = refreshed(64, 3 * T, feed);
    expect(onePass.slices).toBe(1);
    expect(sliced.slices).toBeGreaterThan(20);
    expect(sliced.sink.skippedRows).toBe(11);
    expect(sliced.sink).toEqual(onePass.sink);
    tracked.forEach((_, k) => {
      expect([...sliced.window.counts(k)]).toEqual([...onePass.window.counts(k)]);
      expect(sliced.window.reference(k)).toEqual(onePass.window.reference(k));
    });
    // the prediction is binned for every row: every recorded row is binned or skipped, once
    expect(onePass.sink.binnedRows[1].reduce((a, b) => a + b) + onePass.sink.skippedRows).toBe(75);
  });

  it('bins at most budget / tracked quantities rows a slice, then publishes, then says computed', () => {
    const window = new DriftWindow(tracked, 2, 64, cells);
    const sink = new RecordingSink();
    const turns = new ManualSchedule();
    const refresh = new DriftRefresh(window, sink, { workUnits: 4 * T + 1, maxSliceMs: Infinity, schedule: turns.schedule });
    record(window, 10);
    refresh.step();
    const binned = [window.binnedUpTo];
    while (turns.pending > 0 && window.binnedUpTo < 10) {
      turns.runOne();
      binned.push(window.binnedUpTo);
    }
    expect(binned).toEqual([4, 8, 10]);
    expect(sink.computedCount + sink.published.length).toBe(0);
    // publishing x (3 bins) costs more than the budget the last rows left: it waits for a slice of its own
    turns.drain();
    expect(sink.published).toEqual([0, 1]);
    expect(sink.computedCount).toBe(1);
    expect(refresh.running).toBe(false);
  });

  it('publishes as many quantities a slice as their bins pay for, and a quantity dearer than the budget alone', () => {
    const window = new DriftWindow(tracked, 2, 8, cells);
    const sink = new RecordingSink();
    const turns = new ManualSchedule();
    const xCost = 3 * PUBLISH_UNITS_PER_BIN;
    new DriftRefresh(window, sink, { workUnits: xCost, maxSliceMs: Infinity, schedule: turns.schedule }).step();
    expect(sink.published).toEqual([0]);
    turns.runOne();
    expect(sink.published).toEqual([0, 1]);
    expect(sink.computedCount).toBe(1);

    const tiny = new RecordingSink();
    new DriftRefresh(window, tiny, { workUnits: 1, maxSliceMs: Infinity, schedule: turns.schedule }).step();
    expect(tiny.published).toEqual([0]);
    expect(turns.drain()).toBe(1);
    expect(tiny.published).toEqual([0, 1]);
  });

  it('also ends a slice at its first check past the time limit, by a clock the spec turns', () => {
    const window = new DriftWindow(tracked, 2, 50_000, cells);
    const sink = new RecordingSink();
    const turns = new ManualSchedule();
    let clock = 0;
    const now = (): number => (clock += 5); // every look at the clock is 5 ms later
    const refresh = new DriftRefresh(window, sink, { workUnits: Infinity, maxSliceMs: 8, schedule: turns.schedule, now });
    record(window, 30_000);
    refresh.step(); // deadline 13; chunks checked at 10 (go on) and 15 (stop)
    expect(window.binnedUpTo).toBe((2 * SLICE_CHECK_UNITS) / T);
    turns.drain();
    expect(window.binnedUpTo).toBe(30_000);
    expect(sink.computedCount).toBe(1);
  });

  it('catches up for a scrape: slices one after another until done, or until its own time runs out', () => {
    const window = new DriftWindow(tracked, 2, 50_000, cells);
    const sink = new RecordingSink();
    const turns = new ManualSchedule();
    let clock = 0;
    const now = (): number => (clock += 1); // every look at the clock is 1 ms later
    // Slices of one chunk (the time limit is past at the first check), as on a loaded machine.
    const refresh = new DriftRefresh(window, sink, { workUnits: Infinity, maxSliceMs: 1, schedule: turns.schedule, now });
    record(window, 20_000);
    refresh.step();
    expect(window.binnedUpTo).toBeLessThan(20_000);
    refresh.catchUp(1_000);
    expect(window.binnedUpTo).toBe(20_000);
    expect(sink.computedCount).toBe(1);
    expect(refresh.running).toBe(false);
    record(window, 20_000, 7);
    refresh.catchUp(2);
    expect(refresh.running).toBe(true);
    expect(window.binnedUpTo).toBeLessThan(40_000);
    turns.drain();
    expect(window.binnedUpTo).toBe(40_000);
    expect(sink.computedCount).toBe(2);
  });

  it('loses and double-counts no row recorded while a refresh is under way, overwritten ones counted as skipped', () => {
    const window = new DriftWindow(tracked, 2, 16, cells);
    const sink = new RecordingSink();
    const turns = new ManualSchedule();
    const refresh = new DriftRefresh(window, sink, { workUnits: 3 * T, maxSliceMs: Infinity, schedule: turns.schedule });
    record(window, 10, 0);
    refresh.step();
    record(window, 40, 10); // overwrites rows the refresh had not reached
    turns.drain();
    refresh.step(); // the next refresh takes what the first one did not target
    turns.drain();
    expect(window.pending).toBe(0);
    expect(window.binnedUpTo).toBe(50);
    expect(sink.binnedRows[1].reduce((a, b) => a + b) + sink.skippedRows).toBe(50);
    expect(sink.skippedRows).toBeGreaterThan(0);
    expect(window.samples(1)).toBe(16);
  });

  it('takes the counts binned so far when a scrape asks, and finishes the refresh in progress', () => {
    const window = new DriftWindow(tracked, 2, 64, cells);
    const sink = new RecordingSink();
    const turns = new ManualSchedule();
    const refresh = new DriftRefresh(window, sink, { workUnits: 5 * T, maxSliceMs: Infinity, schedule: turns.schedule });
    record(window, 20);
    refresh.step();
    expect(sink.binnedRows[1].reduce((a, b) => a + b)).toBe(0);
    refresh.step();
    refresh.takeFresh();
    expect(sink.binnedRows[1].reduce((a, b) => a + b)).toBe(10);
    expect(turns.pending).toBe(1);
    turns.drain();
    expect(sink.binnedRows[1].reduce((a, b) => a + b)).toBe(20);
    expect(sink.computedCount).toBe(1);
  });

  it('cancels cleanly: nothing stays scheduled and nothing more reaches the sink', () => {
    const window = new DriftWindow(tracked, 2, 64, cells);
    const sink = new RecordingSink();
    const turns = new ManualSchedule();
    const refresh = new DriftRefresh(window, sink, { workUnits: 2 * T, maxSliceMs: Infinity, schedule: turns.schedule });
    record(window, 20);
    refresh.step();
    expect(turns.pending).toBe(1);
    refresh.cancel();
    expect(turns.pending).toBe(0);
    expect(refresh.running).toBe(false);
    expect(window.pending).toBe(18);
    expect(sink.published).toEqual([]);
  });

  it('continues on a later turn of the event loop by default, and cancelling clears that turn', async () => {
    const window = new DriftWindow(tracked, 2, 64, cells);
    const sink = new RecordingSink();
    const refresh = new DriftRefresh(window, sink, { workUnits: 2 * T });
    record(window, 6);
    refresh.step();
    expect(window.binnedUpTo).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.binnedUpTo).toBe(4);
    refresh.cancel();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.binnedUpTo).toBe(4);
  });
});
