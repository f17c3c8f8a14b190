import { CategoricalReference, NumericReference } from '../../registry/model-manifest';

/**
 * Shares below this are raised to it before PSI takes a logarithm, so an empty bin contributes a large but
 * finite term. The Prometheus recording rule for fleet PSI uses the same floor (monitoring/prometheus/rules.yml).
 */
export const SHARE_FLOOR = 1e-4;

/** Categorical references with more labels than this keep the most frequent ones and fold the rest into `__other__`. */
export const MAX_CATEGORICAL_BINS = 30;
export const OTHER_LABEL = '__other__';
export const MISSING_LABEL = '__missing__';

/** Reference bins of one feature, in the form the drift window counts into. */
export interface BinLayout {
  /** Bin labels as exported (`bin` label): the bin index for numeric features, the category for categorical ones. */
  labels: string[];
  referenceShares: number[];
  /** Maps a model input value to its bin, or -1 when the value is not binned (missing numeric value). */
  binOf(value: number): number;
}

/** Index of the bin holding `value`: bin i is (edges[i-1], edges[i]], bin edges.length everything above. */
export function numericBin(edges: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = edges.length;
  // First edge >= value (lower bound); values equal to an edge belong to the bin that edge closes.
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (edges[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function numericLayout(reference: NumericReference): BinLayout {
  const edges = Float64Array.from(reference.edges);
  return {
    labels: reference.shares.map((_, i) => String(i)),
    referenceShares: [...reference.shares],
    // NaN (missing) is a data-quality problem, not a bin: the reference was built from defined values.
    binOf: (value) => (Number.isNaN(value) ? -1 : numericBin(edges, value)),
  };
}

/**
 * Bins of a label-encoded feature. The model input holds the label's index in `categories` (NaN for a missing
 * or unknown label), so codes are mapped back to the reference's labels here.
 */
export function categoricalLayout(reference: CategoricalReference, categories: string[], maxBins = MAX_CATEGORICAL_BINS): BinLayout {
  const ranked = Object.entries(reference.shares)
    .filter(([label]) => label !== MISSING_LABEL && label !== OTHER_LABEL)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const kept = ranked.slice(0, Math.max(0, maxBins - 2));
  const labels = [...kept.map(([label]) => label), OTHER_LABEL, MISSING_LABEL];
  const otherShare = ranked.slice(kept.length).reduce((sum, [, share]) => sum + share, 0) + (reference.shares[OTHER_LABEL] ?? 0);
  const referenceShares = [...kept.map(([, share]) => share), otherShare, reference.shares[MISSING_LABEL] ?? 0];

  const binByLabel = new Map(labels.map((label, i) => [label, i]));
  const otherBin = labels.length - 2;
  const missingBin = labels.length - 1;
  const codeToBin = Int32Array.from(categories, (label) => binByLabel.get(label) ?? otherBin);
  return {
    labels,
    referenceShares,
    binOf: (value) => {
      const code = value | 0;
      return Number.isNaN(value) || code !== value || code < 0 || code >= codeToBin.length ? missingBin : codeToBin[code];
    },
  };
}

function shares(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Array.from(counts, (c) => (total > 0 ? c / total : 0));
}

/** Population stability index: Σ (a − r) · ln(a / r) over bins, shares floored at SHARE_FLOOR. */
export function psi(counts: ArrayLike<number>, referenceShares: ArrayLike<number>): number {
  const actual = shares(counts);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = Math.max(actual[i], SHARE_FLOOR);
    const r = Math.max(referenceShares[i], SHARE_FLOOR);
    sum += (a - r) * Math.log(a / r);
  }
  return sum;
}

/** Jensen–Shannon distance, the square root of the JS divergence in bits: 0 for equal distributions, 1 for disjoint ones. */
export function jsDistance(counts: ArrayLike<number>, referenceShares: ArrayLike<number>): number {
  const p = shares(counts);
  let refTotal = 0;
  for (let i = 0; i < referenceShares.length; i++) refTotal += referenceShares[i];
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const q = refTotal > 0 ? referenceShares[i] / refTotal : 0;
    const m = (p[i] + q) / 2;
    if (p[i] > 0) divergence += 0.5 * p[i] * Math.log2(p[i] / m);
    if (q > 0) divergence += 0.5 * q * Math.log2(q / m);
  }
  // Rounding can leave a tiny negative divergence for identical distributions.
  return Math.sqrt(Math.max(0, divergence));
}
