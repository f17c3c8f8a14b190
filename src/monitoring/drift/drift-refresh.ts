import { DriftWindow } from './drift-window';

/**
 * Work units one slice may spend: binning one row for one tracked quantity is one unit. Measured with
 * `npm run bench:drift` on a shared 2-core machine: ~25-35 ns a unit (embedded model, and 500 tracked quantities
 * alike), two to three times that while the machine was busy, so 250,000 units are 6-9 ms on a quiet machine and
 * SLICE_MAX_MS is what bounds a slice on a busy or slow one.
 */
export const SLICE_WORK_UNITS = 250_000;

/**
 * A slice also ends once it has run this long (checked every SLICE_CHECK_UNITS), so a wide model or a busy machine
 * cannot stretch it: the unit budget bounds a slice's work, this its time, whichever comes first.
 */
export const SLICE_MAX_MS = 8;
export const SLICE_CHECK_UNITS = 20_000;

/**
 * Publishing one bin (its reference share mixed over the cells, a gauge set with prom-client's label hashing,
 * PSI and JS terms) costs about as much as binning this many rows of one quantity: the same bench publishes
 * 5,000 bins (500 quantities) in 6-11 ms, 1.2-2 µs a bin.
 */
export const PUBLISH_UNITS_PER_BIN = 50;

/** Where a refresh's results go: the observer turns them into metrics. */
export interface DriftRefreshSink {
  /** Rows overwritten (or given up) before they could be binned. */
  skipped(rows: number): void;
  /** Takes the window's fresh counts into the per-bin counters; the refresh clears them afterwards. */
  binned(window: DriftWindow): void;
  /** Sets the gauges of tracked quantity k from the window as it stands. */
  publish(window: DriftWindow, k: number): void;
  /** Every gauge was recomputed over every row recorded before the refresh started. */
  computed(): void;
}

export type Schedule = (run: () => void) => { cancel(): void };

export interface DriftRefreshOptions {
  /** Work units a slice spends at most; default SLICE_WORK_UNITS. */
  workUnits?: number;
  /** Milliseconds after which a slice stops at its next check; default SLICE_MAX_MS. */
  maxSliceMs?: number;
  /** How the next slice is run; default nextTurn. */
  schedule?: Schedule;
  /** Milliseconds, for the time check; default performance.now. */
  now?: () => number;
}

/** setImmediate, unref'd: a refresh in progress never keeps the process alive. */
export const nextTurn: Schedule = (run) => {
  const immediate = setImmediate(run);
  immediate.unref();
  return { cancel: () => clearImmediate(immediate) };
};

/**
 * One refresh of a drift window, cut into slices of at most `budget` work units, each its own turn of the
 * event loop, so requests are served between them whatever was recorded. A refresh first bins every row recorded
 * before it started (rows recorded meanwhile may be binned too; none twice, none lost: what the ring overwrote is
 * skipped), then recomputes the gauges quantity by quantity. Binning in slices adds up to exactly the same
 * counters as binning in one pass (float sums of expected rows included), because the fresh counts are taken
 * (sink.binned) when binning ends or when a scrape asks (takeFresh), never per slice.
 */
export class DriftRefresh {
  private target = -1;
  private nextQuantity = -1;
  private scheduled?: { cancel(): void };
  private readonly budget: number;
  private readonly maxSliceMs: number;
  private readonly schedule: Schedule;
  private readonly now: () => number;

  constructor(
    readonly window: DriftWindow,
    private readonly sink: DriftRefreshSink,
    options: DriftRefreshOptions = {},
  ) {
    this.budget = options.workUnits ?? SLICE_WORK_UNITS;
    this.maxSliceMs = options.maxSliceMs ?? SLICE_MAX_MS;
    this.schedule = options.schedule ?? nextTurn;
    this.now = options.now ?? (() => performance.now());
  }

  /** A refresh is under way (binning or publishing). */
  get running(): boolean {
    return this.target >= 0;
  }

  /** Runs one slice now, starting a refresh when none is under way, and leaves the rest to later turns. */
  step(): void {
    if (!this.running) this.start();
    this.slice();
  }

  /**
   * For a scrape: runs slices now, one after another, until the refresh in progress (or one started for rows
   * pending) is done or `maxMs` has passed; the rest continues in later turns. A scrape every 15–30 s may hold
   * the loop this long so that the gauges it reads are current; the timer's refreshes stay one slice a turn.
   */
  catchUp(maxMs: number): void {
    if (!this.running && this.window.pending > 0) this.start();
    const deadline = this.now() + maxMs;
    while (this.running && this.now() < deadline) this.slice();
  }

  /** Hands the counts binned so far to the sink (a scrape then reads counters current as far as binned). */
  takeFresh(): void {
    this.sink.binned(this.window);
    this.window.clearFresh();
  }

  /** Drops the refresh in progress, if any; nothing is scheduled afterwards. Rows stay pending in the window. */
  cancel(): void {
    this.scheduled?.cancel();
    this.scheduled = undefined;
    this.target = -1;
    this.nextQuantity = -1;
  }

  private start(): void {
    this.target = this.window.binnedUpTo + this.window.pending;
    this.nextQuantity = -1;
  }

  private readonly continueLater = (): void => {
    this.scheduled = undefined;
    this.slice();
  };

  private slice(): void {
    if (!this.running) return;
    const window = this.window;
    const t = Math.max(1, window.tracked.length);
    const deadline = this.now() + this.maxSliceMs;
    let left = this.budget;
    // Something is always done in a slice, even when one row or one quantity costs more than the whole budget.
    let spent = false;
    if (this.nextQuantity < 0) {
      while (window.binnedUpTo < this.target) {
        if (spent && (left < t || this.now() >= deadline)) return this.later();
        const rows = Math.max(1, Math.min(Math.floor(Math.min(left, SLICE_CHECK_UNITS) / t), this.target - window.binnedUpTo));
        const before = window.binnedUpTo;
        const skipped = window.binPending(rows);
        if (skipped > 0) this.sink.skipped(skipped);
        left -= (window.binnedUpTo - before - skipped) * t;
        spent = true;
      }
      this.takeFresh();
      this.nextQuantity = 0;
    }
    while (this.nextQuantity < window.tracked.length) {
      const cost = window.tracked[this.nextQuantity].layout.labels.length * PUBLISH_UNITS_PER_BIN;
      if (spent && (cost > left || this.now() >= deadline)) return this.later();
      this.sink.publish(window, this.nextQuantity++);
      left -= cost;
      spent = true;
    }
    this.target = -1;
    this.nextQuantity = -1;
    this.sink.computed();
  }

  private later(): void {
    this.scheduled ??= this.schedule(this.continueLater);
  }
}
