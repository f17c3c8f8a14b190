import { CategoricalReference, NumericReference } from '../../registry/model-manifest';
import { categoricalLayout, jsDistance, numericBin, numericLayout, psi } from './drift-math';

describe('numericBin', () => {
  // bin i holds (edges[i-1], edges[i]]; the last bin everything above the last edge
  it.each([
    [-5, 0],
    [0, 0],
    [0.1, 1],
    [10, 1],
    [15, 2],
    [20, 2],
    [25, 3],
    [-Infinity, 0],
    [Infinity, 3],
  ])('puts %p in bin %p of edges [0, 10, 20]', (value, bin) => {
    expect(numericBin([0, 10, 20], value)).toBe(bin);
  });

  it('has a single bin when there are no edges', () => {
    expect(numericBin([], 42)).toBe(0);
  });
});

describe('numericLayout', () => {
  const reference: NumericReference = { name: 'lag_1', kind: 'numeric', edges: [0.5, 1.5], shares: [0.2, 0.5, 0.3], min: 0, max: 4 };

  it('labels bins by index with the reference shares and leaves NaN unbinned', () => {
    const layout = numericLayout(reference);
    expect(layout.labels).toEqual(['0', '1', '2']);
    expect(layout.referenceShares).toEqual([0.2, 0.5, 0.3]);
    expect([0.5, 1, 3, Number.NaN].map(layout.binOf)).toEqual([0, 1, 2, -1]);
  });
});

describe('categoricalLayout', () => {
  const reference: CategoricalReference = { name: 'country', kind: 'categorical', shares: { AU: 0.5, NZ: 0.3, US: 0.15, __missing__: 0.05 } };

  it('maps label codes back to reference labels, folding rare and unknown labels into __other__', () => {
    const layout = categoricalLayout(reference, ['AU', 'NZ', 'US', 'UK'], 4);
    expect(layout.labels).toEqual(['AU', 'NZ', '__other__', '__missing__']);
    expect(layout.referenceShares).toEqual([0.5, 0.3, 0.15, 0.05]);
    // code 2 = US (folded), code 3 = UK (not in the reference), NaN = missing or unknown label
    expect([0, 1, 2, 3, Number.NaN, 7, 1.5].map(layout.binOf)).toEqual([0, 1, 2, 2, 3, 3, 3]);
  });

  it('keeps every label when the reference is small', () => {
    const layout = categoricalLayout(reference, ['AU', 'NZ', 'US']);
    expect(layout.labels).toEqual(['AU', 'NZ', 'US', '__other__', '__missing__']);
    expect(layout.referenceShares).toEqual([0.5, 0.3, 0.15, 0, 0.05]);
  });
});

describe('psi', () => {
  // Hand-computed: Σ (a − r) ln(a / r)
  it.each([
    { counts: [50, 50], reference: [0.5, 0.5], expected: 0 },
    { counts: [80, 20], reference: [0.5, 0.5], expected: 0.3 * Math.log(1.6) - 0.3 * Math.log(0.4) }, // 0.415888
    { counts: [70, 20, 10, 0], reference: [0.25, 0.25, 0.25, 0.25], expected: 2.567158623 }, // empty bin floored at 1e-4
    { counts: [10, 0], reference: [0, 1], expected: 18.418838676 }, // disjoint: 2 · 0.9999 · ln(1e4)
  ])('is $expected for counts $counts against $reference', ({ counts, reference, expected }) => {
    expect(psi(counts, reference)).toBeCloseTo(expected, 6);
  });

  it('is the same for counts and for shares of the window', () => {
    expect(psi([8, 2], [0.5, 0.5])).toBeCloseTo(psi([800, 200], [0.5, 0.5]), 12);
  });
});

describe('jsDistance', () => {
  // Hand-computed with base-2 logarithms: sqrt(½ KL(p‖m) + ½ KL(q‖m)), m = (p + q) / 2
  it.each([
    { counts: [50, 50], reference: [0.5, 0.5], expected: 0 },
    { counts: [80, 20], reference: [0.5, 0.5], expected: 0.270377529 },
    { counts: [70, 20, 10, 0], reference: [0.25, 0.25, 0.25, 0.25], expected: 0.480636508 },
    { counts: [10, 0], reference: [0, 1], expected: 1 },
  ])('is $expected for counts $counts against $reference', ({ counts, reference, expected }) => {
    expect(jsDistance(counts, reference)).toBeCloseTo(expected, 6);
  });

  it('is symmetric', () => {
    expect(jsDistance([0.8, 0.2], [0.3, 0.7])).toBeCloseTo(jsDistance([0.3, 0.7], [0.8, 0.2]), 12);
  });
});
