import { BinLayout } from './drift-math';

/** One monitored quantity: a model input column, or the prediction (column -1). */
export interface TrackedQuantity {
  name: string;
  column: number;
  layout: BinLayout;
}

/**
 * The last `capacity` scored rows, kept as raw float32 in preallocated ring buffers so that recording on the
 * request path is two memcpys and no allocation. Binning happens later in advance(), off the request path:
 * each row is binned once, its bin remembered per slot, so the window's histogram is updated incrementally
 * (the evicted row's bin is subtracted) instead of being rebuilt.
 */
export class DriftWindow {
  private readonly rows: Float32Array;
  private readonly predictions: Float32Array;
  private readonly bins: Int16Array;
  private readonly windowCounts: Float64Array[];
  private readonly freshCounts: Float64Array[];
  private written = 0;
  private processed = 0;

  constructor(
    readonly tracked: readonly TrackedQuantity[],
    readonly columnCount: number,
    readonly capacity: number,
  ) {
    this.rows = new Float32Array(capacity * columnCount);
    this.predictions = new Float32Array(capacity);
    this.bins = new Int16Array(capacity * tracked.length).fill(-1);
    this.windowCounts = tracked.map((t) => new Float64Array(t.layout.labels.length));
    this.freshCounts = tracked.map((t) => new Float64Array(t.layout.labels.length));
  }

  /** Copies a batch in; rows beyond capacity are counted as written but never stored. Request path. */
  record(data: Float32Array, rowCount: number, predictions: Float32Array): void {
    const cols = this.columnCount;
    const cap = this.capacity;
    let row = rowCount > cap ? rowCount - cap : 0;
    this.written += row;
    while (row < rowCount) {
      const slot = this.written % cap;
      const n = Math.min(cap - slot, rowCount - row);
      this.rows.set(data.subarray(row * cols, (row + n) * cols), slot * cols);
      this.predictions.set(predictions.subarray(row, row + n), slot);
      this.written += n;
      row += n;
    }
  }

  /**
   * Bins the rows recorded since the last call into the window histogram and into freshCounts (what the per-bin
   * counters add). Returns how many rows were overwritten before they could be binned.
   */
  advance(): number {
    const from = Math.max(this.processed, this.written - this.capacity);
    const skipped = from - this.processed;
    const tracked = this.tracked;
    const t = tracked.length;
    for (const counts of this.freshCounts) counts.fill(0);
    for (let index = from; index < this.written; index++) {
      const slot = index % this.capacity;
      for (let k = 0; k < t; k++) {
        const q = tracked[k];
        const value = q.column < 0 ? this.predictions[slot] : this.rows[slot * this.columnCount + q.column];
        const bin = q.layout.binOf(value);
        const old = this.bins[slot * t + k];
        if (old >= 0) this.windowCounts[k][old]--;
        if (bin >= 0) {
          this.windowCounts[k][bin]++;
          this.freshCounts[k][bin]++;
        }
        this.bins[slot * t + k] = bin;
      }
    }
    this.processed = this.written;
    return skipped;
  }

  /** Histogram of the window for tracked quantity k (rows whose value was binned). */
  counts(k: number): Float64Array {
    return this.windowCounts[k];
  }

  /** Bins added to quantity k by the last advance(). */
  fresh(k: number): Float64Array {
    return this.freshCounts[k];
  }

  samples(k: number): number {
    let total = 0;
    for (const c of this.windowCounts[k]) total += c;
    return total;
  }
}
