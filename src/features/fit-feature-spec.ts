import { CategoricalFeature, FeatureSpec, SmoothingSpec } from './feature-spec';
import { featureNames, minimumHistory } from './feature-names';
import { SeriesHistory } from './feature-builder';
import { quantileSorted } from './quantile';
import { profileAt } from './series-profile';

/** The chosen parts of a FeatureSpec; fitFeatureSpec learns the rest from the training series. */
export interface FeatureOptions extends Pick<FeatureSpec, 'lags' | 'seasonalLagYears' | 'rollingMeanWindows' | 'rollingStdWindows' | 'scaleWindow' | 'maxHorizon'> {
  /** Months the XYZ coefficient of variation is read over (FeatureSpec's `xyz.window`). */
  xyzWindow: number;
  /** Attribute names encoded as categorical features (`attr_<name>`). */
  attributes: string[];
  /** Cumulative volume shares that close the A and B classes (the classic 80 / 15 / 5 split). */
  abcShares: [number, number];
  /** Fixed-parameter damped Holt-Winters features; absent = none. */
  smoothing?: SmoothingSpec;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  lags: [1, 2, 3, 4, 5, 6, 9, 12, 18, 24],
  seasonalLagYears: [1, 2],
  rollingMeanWindows: [3, 6, 12],
  rollingStdWindows: [12],
  scaleWindow: 12,
  xyzWindow: 24,
  maxHorizon: 18,
  attributes: [],
  abcShares: [0.8, 0.95],
};

function sortedLabels(labels: Iterable<string | undefined>): string[] {
  return [...new Set([...labels].filter((l): l is string => l !== undefined))].sort();
}

// No eligible series: the XYZ thresholds stay 0, as in the provisional spec below (quantileSorted would give NaN).
const thresholdAt = (sorted: number[], q: number): number => (sorted.length === 0 ? 0 : quantileSorted(sorted, q));

/**
 * Learns the data-dependent parts of the spec (category lists, ABC and XYZ thresholds) from training series,
 * using each series' profile at its last month.
 */
export function fitFeatureSpec(series: SeriesHistory[], options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): FeatureSpec {
  const categoricals: CategoricalFeature[] = [
    { name: 'country', source: { kind: 'country' }, categories: sortedLabels(series.map((s) => s.country)) },
    { name: 'sku', source: { kind: 'sku' }, categories: sortedLabels(series.map((s) => s.sku)) },
    ...options.attributes.map((attribute): CategoricalFeature => ({
      name: `attr_${attribute}`,
      source: { kind: 'attribute', attribute },
      categories: sortedLabels(series.map((s) => s.attributes?.[attribute])),
    })),
  ];

  const provisional = { scaleWindow: options.scaleWindow, abc: { aMinScale: 0, bMinScale: 0 }, xyz: { window: options.xyzWindow, xMaxCv: 0, yMaxCv: 0 } };
  const eligible = series.filter((s) => s.values.length >= Math.max(options.scaleWindow, options.xyzWindow));
  const profiles = eligible.map((s) => profileAt(s.values, s.values.length - 1, provisional));

  const byScale = profiles.map((p) => p.scale).sort((a, b) => b - a);
  const total = byScale.reduce((sum, s) => sum + s, 0);
  let cumulative = 0;
  let aMinScale = Number.POSITIVE_INFINITY;
  let bMinScale = Number.POSITIVE_INFINITY;
  for (const scale of byScale) {
    if (cumulative < options.abcShares[0] * total) aMinScale = scale;
    if (cumulative < options.abcShares[1] * total) bMinScale = scale;
    cumulative += scale;
  }

  const cvs = profiles.map((p) => p.cv).filter(Number.isFinite).sort((a, b) => a - b);
  const shape = {
    specVersion: 1 as const,
    strategy: 'direct-horizon' as const,
    lags: options.lags,
    seasonalLagYears: options.seasonalLagYears,
    rollingMeanWindows: options.rollingMeanWindows,
    rollingStdWindows: options.rollingStdWindows,
    scaleWindow: options.scaleWindow,
    abc: { aMinScale, bMinScale },
    xyz: { window: options.xyzWindow, xMaxCv: thresholdAt(cvs, 1 / 3), yMaxCv: thresholdAt(cvs, 2 / 3) },
    categoricals,
    ...(options.smoothing ? { smoothing: { ...options.smoothing } } : {}),
    maxHorizon: options.maxHorizon,
  };
  return { ...shape, minHistory: minimumHistory(shape), names: featureNames(shape) };
}
