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

  // Features that do not depend on the step are computed once per origin.
  const shared: number[] = [];
  for (const k of spec.lags) shared.push(values[originIndex - k + 1] / scale);
  const seasonalStart = shared.length;
  for (let i = 0; i < spec.seasonalLagYears.length; i++) shared.push(0);
  for (const w of spec.rollingMeanWindows) shared.push(windowMean(values, originIndex, w) / scale);
  for (const w of spec.rollingStdWindows) shared.push(windowStd(values, originIndex, w) / scale);
  const previousYear = windowMean(values, originIndex - 12, 12);
  shared.push(previousYear > 0 ? windowMean(values, originIndex, 12) / previousYear - 1 : Number.NaN);
  shared.push(Math.log(scale));
  shared.push(profile.abcClass, profile.xyzClass, ...categoryCodes);
  const smoothed = spec.smoothing ? smoothAt(values, originIndex, spec.smoothing) : undefined;
  const smoothedStart = shared.length;
  if (smoothed) shared.push(0, smoothed.level > 0 ? (12 * smoothed.trend) / smoothed.level : Number.NaN);

  for (let h = 1; h <= horizon; h++) {
    const targetMonth = originMonth + h;
    spec.seasonalLagYears.forEach((years, i) => {
      const monthsBack = 12 * (Math.ceil(h / 12) + years - 1);
      shared[seasonalStart + i] = values[originIndex + h - monthsBack] / scale;
    });
    if (smoothed) shared[smoothedStart] = smoothedForecast(smoothed, h, spec.smoothing!) / scale;
    let offset = (firstRow + h - 1) * columns;
    out[offset++] = h;
    out[offset++] = monthOfYear(targetMonth);
    out[offset++] = monthOfYear(originMonth);
    for (const value of shared) out[offset++] = value;
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
