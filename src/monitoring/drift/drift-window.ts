import { BinLayout } from './drift-math';

/** One monitored quantity: a model input column, or the prediction (column -1). */
export interface TrackedQuantity {
  name: string;
  column: number;
  layout: BinLayout;
  /** Reference shares per conditioning cell, in layout bin order; absent = compare with layout.referenceShares. */
  cellShares?: readonly (readonly number[] | undefined)[];
  /** Bins a whole row (a feature within a group of another); otherwise layout.binOf(value of `column`). */
  rowBin?: (rows: Float32Array, offset: number) => number;
}

/** Which conditioning cell a model input row belongs to (origin month × horizon bucket), -1 for none. */
export interface RowCells {
  count: number;
  of(rows: Float32Array, offset: number): number;
}

const NO_CELLS: RowCells = { count: 1, of: () => 0 };

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
  private readonly cellOfSlot: Int16Array;
  private readonly windowCells: Float64Array;
  private readonly freshCells: Float64Array;
  private written = 0;
  private processed = 0;

  constructor(
    readonly tracked: readonly TrackedQuantity[],
    readonly columnCount: number,
    readonly capacity: number,
    private readonly cells: RowCells = NO_CELLS,
  ) {
    this.rows = new Float32Array(capacity * columnCount);
    this.predictions = new Float32Array(capacity);
    this.bins = new Int16Array(capacity * tracked.length).fill(-1);
    this.windowCounts = tracked.map((t) => new Float64Array(t.layout.labels.length));
    this.freshCounts = tracked.map((t) => new Float64Array(t.layout.labels.length));
    this.cellOfSlot = new Int16Array(capacity).fill(-1);
    this.windowCells = new Float64Array(cells.count);
    this.freshCells = new Float64Array(cells.count);
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
    this.clearFresh();
    return this.binPending(Infinity);
  }

  /** Rows recorded and not yet binned (nor counted as skipped). */
  get pending(): number {
    return this.written - this.processed;
  }

  /** Rows binned or skipped so far: the index of the next row to bin. */
  get binnedUpTo(): number {
    return this.processed;
  }

  /**
   * Bins at most `maxRows` of the pending rows, oldest first, adding to the fresh counts (which only clearFresh()
   * zeroes, so binning in several calls adds up to the same fresh counts as one call). Returns how many rows were
   * overwritten before they could be binned; those count as processed, never binned.
   */
  binPending(maxRows: number): number {
    const from = Math.max(this.processed, this.written - this.capacity);
    const skipped = from - this.processed;
    const to = Math.min(this.written, from + Math.max(0, maxRows));
    const tracked = this.tracked;
    const t = tracked.length;
    for (let index = from; index < to; index++) {
      const slot = index % this.capacity;
      const oldCell = this.cellOfSlot[slot];
      if (oldCell >= 0) this.windowCells[oldCell]--;
      const cell = this.cells.of(this.rows, slot * this.columnCount);
      if (cell >= 0) {
        this.windowCells[cell]++;
        this.freshCells[cell]++;
      }
      this.cellOfSlot[slot] = cell;
      for (let k = 0; k < t; k++) {
        const q = tracked[k];
        const bin = q.rowBin
          ? q.rowBin(this.rows, slot * this.columnCount)
          : q.layout.binOf(q.column < 0 ? this.predictions[slot] : this.rows[slot * this.columnCount + q.column]);
        const old = this.bins[slot * t + k];
        if (old >= 0) this.windowCounts[k][old]--;
        if (bin >= 0) {
          this.windowCounts[k][bin]++;
          this.freshCounts[k][bin]++;
        }
        this.bins[slot * t + k] = bin;
      }
    }
    this.processed = to;
    return skipped;
  }

  /** Rows not yet binned are given up (the caller counts them as skipped); returns how many. */
  discardPending(): number {
    const pending = this.pending;
    this.processed = this.written;
    return pending;
  }

  /** Zeroes the fresh counts, once the counters have taken them. */
  clearFresh(): void {
    for (const counts of this.freshCounts) counts.fill(0);
    this.freshCells.fill(0);
  }

  /** Histogram of the window for tracked quantity k (rows whose value was binned). */
  counts(k: number): Float64Array {
    return this.windowCounts[k];
  }

  /** Bins added to quantity k since the fresh counts were last cleared. */
  fresh(k: number): Float64Array {
    return this.freshCounts[k];
  }

  /**
   * The reference quantity k is compared with: its cells' shares mixed by the window's own rows per cell, so a
   * window of one origin month meets that month's reference. Without cells, the pooled reference.
   */
  reference(k: number): number[] {
    return mixShares(this.tracked[k], this.windowCells);
  }

  /** Reference rows per bin expected for the fresh rows (what the fleet counters add). */
  freshExpected(k: number): number[] {
    return mixShares(this.tracked[k], this.freshCells, false);
  }

  samples(k: number): number {
    let total = 0;
    for (const c of this.windowCounts[k]) total += c;
    return total;
  }
}

/** Σ_c n_c · shares_c, normalised to shares (or left as expected row counts when `normalise` is false). */
export function mixShares(q: TrackedQuantity, cellCounts: ArrayLike<number>, normalise = true): number[] {
  const pooled = q.layout.referenceShares;
  const mixed = new Array<number>(pooled.length).fill(0);
  let total = 0;
  for (let c = 0; c < cellCounts.length; c++) {
    const n = cellCounts[c];
    if (n <= 0) continue;
    total += n;
    const shares = q.cellShares?.[c] ?? pooled;
    for (let b = 0; b < mixed.length; b++) mixed[b] += n * shares[b];
  }
  if (!normalise) return mixed;
  return total > 0 ? mixed.map((m) => m / total) : [...pooled];
}
