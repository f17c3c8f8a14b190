import { FeatureSpec } from '../../features/feature-spec';
import { CategoricalReference, DriftReference, NumericReference } from '../../registry/model-manifest';
import { quantileSorted } from '../../core/quantile';

export const MISSING_LABEL = '__missing__';

/**
 * Quantile bins of finite values: interior edges at the 1/bins … (bins−1)/bins quantiles (ties merged, so edges
 * strictly ascend) and the share of values in each bin, where bin i holds (edges[i−1], edges[i]].
 */
export function numericReference(name: string, values: ArrayLike<number>, bins = 10): NumericReference {
  const finite = Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]).sort();
  if (finite.length === 0) return { name, kind: 'numeric', edges: [], shares: [1], min: 0, max: 0 };
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const edge = quantileSorted(finite, i / bins);
    if (edge < finite[finite.length - 1] && (edges.length === 0 || edge > edges[edges.length - 1])) edges.push(edge);
  }
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (const value of finite) {
    while (bin < edges.length && value > edges[bin]) bin++;
    counts[bin]++;
  }
  return {
    name,
    kind: 'numeric',
    edges,
    shares: counts.map((c) => c / finite.length),
    min: finite[0],
    max: finite[finite.length - 1],
  };
}

/** Label shares from label codes (index into categories; NaN = missing or unknown, counted as `__missing__`). */
export function categoricalReference(name: string, codes: ArrayLike<number>, categories: string[]): CategoricalReference {
  const counts = new Map<string, number>([...categories.map((c): [string, number] => [c, 0]), [MISSING_LABEL, 0]]);
  for (let i = 0; i < codes.length; i++) {
    const label = Number.isInteger(codes[i]) ? categories[codes[i]] : undefined;
    const key = label ?? MISSING_LABEL;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = Math.max(1, codes.length);
  return { name, kind: 'categorical', shares: Object.fromEntries([...counts].map(([label, count]) => [label, count / total])) };
}

/** The monitoring's reference: every model input column of the training rows, and the raw model output. */
export function driftReference(
  spec: FeatureSpec,
  data: Float32Array,
  rowCount: number,
  predictions: ArrayLike<number>,
  bins = 10,
): DriftReference {
  const columnCount = spec.names.length;
  const categoricals = new Map(spec.categoricals.map((c) => [c.name, c]));
  const features = spec.names.map((name, column) => {
    const values = new Float64Array(rowCount);
    for (let row = 0; row < rowCount; row++) values[row] = data[row * columnCount + column];
    const categorical = categoricals.get(name);
    return categorical ? categoricalReference(name, values, categorical.categories) : numericReference(name, values, bins);
  });
  return { sampleCount: rowCount, features, prediction: numericReference('prediction', predictions, bins) };
}
