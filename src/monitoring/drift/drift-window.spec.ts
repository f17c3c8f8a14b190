import { numericLayout } from './drift-math';
import { DriftWindow, TrackedQuantity } from './drift-window';

// Two input columns; column 1 is tracked with edges [0, 10] (bins ≤0, (0,10], >10), plus the prediction.
const tracked: TrackedQuantity[] = [
  { name: 'x', column: 1, layout: numericLayout({ name: 'x', kind: 'numeric', edges: [0, 10], shares: [0.2, 0.6, 0.2], min: -5, max: 20 }) },
  { name: 'prediction', column: -1, layout: numericLayout({ name: 'prediction', kind: 'numeric', edges: [1], shares: [0.5, 0.5], min: 0, max: 2 }) },
];

function rows(...xs: number[]): Float32Array {
  return Float32Array.from(xs.flatMap((x) => [99, x]));
}

describe('DriftWindow', () => {
  it('bins recorded rows only when advanced, into the window and the fresh counts', () => {
    const window = new DriftWindow(tracked, 2, 4);
    window.record(rows(-1, 5, 15), 3, Float32Array.from([0.5, 2, 2]));
    expect(window.samples(0)).toBe(0);
    expect(window.advance()).toBe(0);
    expect([...window.counts(0)]).toEqual([1, 1, 1]);
    expect([...window.counts(1)]).toEqual([1, 2]);
    expect([...window.fresh(0)]).toEqual([1, 1, 1]);
  });

  it('slides: rows evicted from the ring leave the window histogram, fresh counts only hold new rows', () => {
    const window = new DriftWindow(tracked, 2, 4);
    window.record(rows(-1, -1, -1), 3, new Float32Array(3));
    window.advance();
    window.record(rows(5, 5, 15), 3, new Float32Array(3)); // wraps: overwrites the first two rows
    expect(window.advance()).toBe(0);
    expect([...window.counts(0)]).toEqual([1, 2, 1]);
    expect([...window.fresh(0)]).toEqual([0, 2, 1]);
    expect(window.samples(0)).toBe(4);
  });

  it('counts rows overwritten before binning as skipped and keeps only the last capacity rows', () => {
    const window = new DriftWindow(tracked, 2, 4);
    window.record(rows(-1, -1, -1, 5, 5, 5), 6, new Float32Array(6));
    window.record(rows(15), 1, new Float32Array(1));
    expect(window.advance()).toBe(3);
    expect([...window.counts(0)]).toEqual([0, 3, 1]);
    expect(window.samples(1)).toBe(4);
  });

  it('bins pending rows in parts that add up to one pass, and gives up the rest on request', () => {
    const parts = new DriftWindow(tracked, 2, 8);
    const whole = new DriftWindow(tracked, 2, 8);
    for (const w of [parts, whole]) w.record(rows(-1, 5, 15, 5, 20), 5, Float32Array.from([0, 2, 2, 0, 2]));
    expect(parts.binPending(2)).toBe(0);
    expect([parts.binnedUpTo, parts.pending]).toEqual([2, 3]);
    parts.binPending(2);
    parts.binPending(2);
    whole.advance();
    expect([...parts.fresh(0)]).toEqual([...whole.fresh(0)]);
    expect([...parts.counts(1)]).toEqual([...whole.counts(1)]);
    parts.clearFresh();
    expect([...parts.fresh(0)]).toEqual([0, 0, 0]);
    parts.record(rows(1, 1, 1), 3, new Float32Array(3));
    expect(parts.discardPending()).toBe(3);
    expect([parts.binnedUpTo, parts.pending, parts.samples(0)]).toEqual([8, 0, 5]);
  });

  it('leaves missing values out of the histogram', () => {
    const window = new DriftWindow(tracked, 2, 4);
    window.record(rows(Number.NaN, 5), 2, new Float32Array(2));
    window.advance();
    expect(window.samples(0)).toBe(1);
    expect(window.samples(1)).toBe(2);
  });
});
