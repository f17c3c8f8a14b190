import { smoothAt, smoothedForecast } from './damped-smoothing';
import { CategoricalFeature, FeatureSpec } from './feature-spec';
import { MonthIndex, monthOfYear } from './month';
import { profileAt, SeriesProfile, windowMean, windowStd } from './series-profile';

/** One series as pre-processing sees it: keys, attributes and monthly values from `start`. */
export interface SeriesHistory {
  country: string;
  sku: string;
  attributes?: Record<string, string>;
  start: MonthIndex;
  values: ArrayLike<number>;
}

/** Model input for a batch: `rowCount` rows of `columnCount` float32 features, row-major. */
export interface FeatureMatrix {
  data: Float32Array;
  rowCount: number;
  columnCount: number;
  /** One profile per series, in request order; post-processing multiplies predictions by its scale. */
  profiles: SeriesProfile[];
}

function categoryLabel(series: SeriesHistory, feature: CategoricalFeature): string | undefined {
  switch (feature.source.kind) {
    case 'country':
      return series.country;
    case 'sku':
      return series.sku;
    case 'attribute':
      return series.attributes?.[feature.source.attribute];
  }
}

/** Label codes in spec order; NaN marks a missing or unknown label (trees route NaN down the false branch). */
export function encodeCategoricals(series: SeriesHistory, spec: Pick<FeatureSpec, 'categoricals'>): number[] {
  return spec.categoricals.map((feature) => {
    const label = categoryLabel(series, feature);
    const code = label === undefined ? -1 : feature.categories.indexOf(label);
    return code < 0 ? Number.NaN : code;
  });
}

// The features shared by an origin's rows, reused across calls (building is synchronous; each worker thread has
// its own). As a growing array filled through a closure per step, a 100-series batch allocated ~900 KB here, 9 KB
// per series for 28 numbers (V8's sampling heap profiler, under the bench).
let scratch = new Float64Array(64);

/**
 * Writes `horizon` rows (steps 1..horizon) for the origin `originIndex` into `out`, starting at row `firstRow`.
 * Reads values[0..originIndex] only. The caller guarantees originIndex + 1 >= spec.minHistory.
 */
export function writeFeatureRows(
  out: Float32Array,
  firstRow: number,
  series: SeriesHistory,
  originIndex: number,
  horizon: number,
  spec: FeatureSpec,
  profile: SeriesProfile = profileAt(series.values, originIndex, spec),
  categoryCodes: number[] = encodeCategoricals(series, spec),
): void {
  const { values } = series;
  const { scale } = profile;
  const columns = spec.names.length;
  const originMonth = series.start + originIndex;
  if (scratch.length < columns) scratch = new Float64Array(columns);
  const shared = scratch;

  // Features that do not depend on the step are computed once per origin.
  let n = 0;
  for (let i = 0; i < spec.lags.length; i++) shared[n++] = values[originIndex - spec.lags[i] + 1] / scale;
  const seasonalStart = n;
  n += spec.seasonalLagYears.length;
  for (let i = 0; i < spec.rollingMeanWindows.length; i++) shared[n++] = windowMean(values, originIndex, spec.rollingMeanWindows[i]) / scale;
  for (let i = 0; i < spec.rollingStdWindows.length; i++) shared[n++] = windowStd(values, originIndex, spec.rollingStdWindows[i]) / scale;
  const previousYear = windowMean(values, originIndex - 12, 12);
  shared[n++] = previousYear > 0 ? windowMean(values, originIndex, 12) / previousYear - 1 : Number.NaN;
  shared[n++] = Math.log(scale);
  shared[n++] = profile.abcClass;
  shared[n++] = profile.xyzClass;
  for (let i = 0; i < categoryCodes.length; i++) shared[n++] = categoryCodes[i];
  const smoothed = spec.smoothing ? smoothAt(values, originIndex, spec.smoothing) : undefined;
  const smoothedStart = n;
  if (smoothed) {
    shared[n++] = 0;
    shared[n++] = smoothed.level > 0 ? (12 * smoothed.trend) / smoothed.level : Number.NaN;
  }

  for (let h = 1; h <= horizon; h++) {
    const targetMonth = originMonth + h;
    for (let i = 0; i < spec.seasonalLagYears.length; i++) {
      const monthsBack = 12 * (Math.ceil(h / 12) + spec.seasonalLagYears[i] - 1);
      shared[seasonalStart + i] = values[originIndex + h - monthsBack] / scale;
    }
    if (smoothed) shared[smoothedStart] = smoothedForecast(smoothed, h, spec.smoothing!) / scale;
    let offset = (firstRow + h - 1) * columns;
    out[offset++] = h;
    out[offset++] = monthOfYear(targetMonth);
    out[offset++] = monthOfYear(originMonth);
    for (let i = 0; i < n; i++) out[offset++] = shared[i];
  }
}

/** Pre-processing for serving: every series forecast from its last month, all rows in one matrix. */
export function buildForecastMatrix(series: SeriesHistory[], horizon: number, spec: FeatureSpec): FeatureMatrix {
  const columnCount = spec.names.length;
  const data = new Float32Array(series.length * horizon * columnCount);
  const profiles = series.map((s, i) => {
    const originIndex = s.values.length - 1;
    const profile = profileAt(s.values, originIndex, spec);
    writeFeatureRows(data, i * horizon, s, originIndex, horizon, spec, profile);
    return profile;
  });
  return { data, rowCount: series.length * horizon, columnCount, profiles };
}
