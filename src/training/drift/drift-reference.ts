import { SeriesHistory } from '../../features/feature-builder';
import { FeatureSpec } from '../../features/feature-spec';
import { HORIZON_BUCKETS } from '../../features/horizon-buckets';
import { CategoricalReference, DriftReference, DroppedDriftFeature, NumericReference } from '../../registry/model-manifest';
import { numericBin } from '../../monitoring/drift/drift-math';
import { quantileSorted } from '../../features/quantile';
import { CELL_COUNT, DEFAULT_REFERENCE_ORIGIN_MONTHS, referenceRows } from './drift-reference-rows';
import { segmentReference } from './segment-reference';

export const MISSING_LABEL = '__missing__';

/** Relative spread below which a feature counts as constant (float32 rounding of e.g. mean / mean). */
const CONSTANT_TOLERANCE = 1e-5;

/** The series' level (log of its scale): the one feature not divided by the scale, watched within each country. */
const LEVEL_FEATURE = 'log_scale';

/**
 * Measured on aus_retail (148 series, one batch at each origin month of 2018 against 36 origins of reference):
 * with 10 bins, in-distribution batches read up to 0.36 on lag_2 (a batch is 148 series, and a year's trading-day
 * calendar moves them together); with 5 bins at most 0.22, while a demand shock reads 6-14.
 */
const DEFAULT_BINS = 5;

/** Rounded so the manifest stays readable; 1e-6 is far below any share that moves a PSI. */
const round = (share: number): number => Math.round(share * 1e6) / 1e6;

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

function numericCellShares(ref: NumericReference, values: Float64Array, cells: Int16Array): number[][] {
  const counts = Array.from({ length: CELL_COUNT }, () => new Array<number>(ref.shares.length).fill(0));
  for (let row = 0; row < values.length; row++) {
    if (Number.isFinite(values[row])) counts[cells[row]][numericBin(ref.edges, values[row])]++;
  }
  return counts.map((c) => {
    const total = c.reduce((a, b) => a + b, 0);
    return c.map((n) => (total > 0 ? round(n / total) : 0));
  });
}

function categoricalCellShares(ref: CategoricalReference, values: Float64Array, cells: Int16Array, categories: string[]): Record<string, number>[] {
  const codesByCell = Array.from({ length: CELL_COUNT }, () => [] as number[]);
  for (let row = 0; row < values.length; row++) codesByCell[cells[row]].push(values[row]);
  return codesByCell.map((codes) =>
    Object.fromEntries(Object.entries(categoricalReference(ref.name, codes, categories).shares).map(([label, share]) => [label, codes.length > 0 ? round(share) : 0])),
  );
}

/** Why a feature says nothing about drift: constant everywhere, or a function of (origin month, step) alone. */
function droppedReason(values: Float64Array, steps: Int16Array, originMonths: Int8Array): DroppedDriftFeature['reason'] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
  if (max - min <= CONSTANT_TOLERANCE * Math.max(1, Math.abs(max))) return 'constant';
  const seen = new Map<number, number>();
  for (let row = 0; row < values.length; row++) {
    const key = originMonths[row] * 1000 + steps[row];
    const first = seen.get(key);
    if (first === undefined) seen.set(key, values[row]);
    else if (!(first === values[row] || (Number.isNaN(first) && Number.isNaN(values[row])))) return undefined;
  }
  return 'calendar';
}

export interface DriftReferenceOptions {
  /** Origins per series (its last months); default DEFAULT_REFERENCE_ORIGIN_MONTHS. */
  originMonths?: number;
  bins?: number;
}

/** The model's raw output (prediction over scale) for feature rows, as serving's inference returns it. */
export type RowPredictor = (data: Float32Array, rowCount: number, columnCount: number) => ArrayLike<number>;

/**
 * The monitoring's reference, from the training series and the feature spec alone (plus the model, for the
 * prediction's distribution), so any training method can call it: the rows of each series forecast from each of
 * its recent origins, binned per feature on pooled quantile edges, with the shares per conditioning cell
 * (origin calendar month × horizon bucket). Features fixed by the calendar or constant are listed as dropped;
 * the level is also referenced within each country (segments), where a new mix of levels shows.
 */
export function buildDriftReference(series: readonly SeriesHistory[], spec: FeatureSpec, predict: RowPredictor, options: DriftReferenceOptions = {}): DriftReference {
  const originMonths = options.originMonths ?? DEFAULT_REFERENCE_ORIGIN_MONTHS;
  const bins = options.bins ?? DEFAULT_BINS;
  const rows = referenceRows(series, spec, originMonths);
  const { data, rowCount, columnCount, cells } = rows;
  const categoricals = new Map(spec.categoricals.map((c) => [c.name, c]));
  const dropped: DroppedDriftFeature[] = [];
  const features = spec.names.map((name, column) => {
    const values = new Float64Array(rowCount);
    for (let row = 0; row < rowCount; row++) values[row] = data[row * columnCount + column];
    const categorical = categoricals.get(name);
    if (categorical) {
      const ref = categoricalReference(name, values, categorical.categories);
      return { ...ref, cellShares: categoricalCellShares(ref, values, cells, categorical.categories) };
    }
    const reason = droppedReason(values, rows.steps, rows.originMonths);
    if (reason) dropped.push({ name, reason });
    const ref = numericReference(name, values, bins);
    return reason ? ref : { ...ref, cellShares: numericCellShares(ref, values, cells) };
  });
  const predictions = Float64Array.from(predict(data, rowCount, columnCount));
  const prediction = numericReference('prediction', predictions, bins);
  const cellRows = new Array<number>(CELL_COUNT).fill(0);
  for (const cell of cells) cellRows[cell]++;
  const conditioned = spec.names.includes('origin_month') && spec.names.includes('horizon');
  return {
    sampleCount: rowCount,
    originMonths,
    features: conditioned ? features : features.map(({ cellShares: _, ...ref }) => ref as NumericReference | CategoricalReference),
    prediction: conditioned ? { ...prediction, cellShares: numericCellShares(prediction, predictions, cells) } : prediction,
    ...(conditioned
      ? { conditioning: { originMonthColumn: 'origin_month', horizonColumn: 'horizon', horizonBuckets: HORIZON_BUCKETS.map((b) => ({ label: b.label, from: b.from, to: Number.isFinite(b.to) ? b.to : spec.maxHorizon })), cellRows } }
      : {}),
    dropped,
    segments: spec.categoricals
      .filter((c) => c.source.kind === 'country')
      .map((c) => segmentReference(rows, spec.names, LEVEL_FEATURE, c.name, c.categories))
      .filter((x) => x !== undefined),
  };
}
