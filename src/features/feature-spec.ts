/** Where a categorical feature's label comes from. */
export type CategoricalSource = { kind: 'country' } | { kind: 'sku' } | { kind: 'attribute'; attribute: string };

/** A label-encoded feature: a label's code is its index in `categories`; unknown or missing labels are NaN. */
export interface CategoricalFeature {
  name: string;
  source: CategoricalSource;
  categories: string[];
}

/**
 * Damped-trend Holt-Winters with fixed parameters (no per-series fitting), run over the last `window` months at
 * each origin. Its h-step forecast over scale becomes `smoothed_forecast` and its trend as annual growth of the
 * level becomes `smoothed_growth`, so the trees learn corrections to a damped extrapolation.
 */
export interface SmoothingSpec {
  /** Months read, ending at the origin; at least 24 (the start uses two full years). */
  window: number;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  seasonality: 'additive' | 'multiplicative';
}

/**
 * Everything pre-processing needs to turn one series' history into model input rows. Stored in the model
 * manifest, so serving builds exactly the features the model was trained on.
 *
 * Strategy `direct-horizon`: one model for all horizons; each (series, step h) is one input row with `horizon`
 * as a feature, and the model predicts the value h months after the last history month divided by the series'
 * scale. A request of N series and horizon H is therefore one ONNX run over N*H rows.
 */
export interface FeatureSpec {
  specVersion: 1;
  strategy: 'direct-horizon';
  /** lag k is the value k-1 months before the last history month (lag 1 = the last month), over scale. */
  lags: number[];
  /** Same calendar month as the target, from the latest year available at the origin (1) and the years before it (2, ...). */
  seasonalLagYears: number[];
  rollingMeanWindows: number[];
  rollingStdWindows: number[];
  /** scale = mean of the last `scaleWindow` months (floored at SCALE_FLOOR); values and targets are divided by it. */
  scaleWindow: number;
  /** ABC class by scale: A if scale >= aMinScale, B if >= bMinScale, otherwise C (codes 0, 1, 2). */
  abc: { aMinScale: number; bMinScale: number };
  /** XYZ class by coefficient of variation over the last `window` months: X if cv <= xMaxCv, Y if <= yMaxCv, else Z. */
  xyz: { window: number; xMaxCv: number; yMaxCv: number };
  categoricals: CategoricalFeature[];
  /** Optional damped-smoothing features (columns after the categoricals); specs without it build the same rows as before. */
  smoothing?: SmoothingSpec;
  /** Months of history a series needs; derived from the lags and windows by minimumHistory(). */
  minHistory: number;
  maxHorizon: number;
  /** Ordered model input columns; derived by featureNames() and checked against it when a manifest is loaded. */
  names: string[];
}

export const SCALE_FLOOR = 1e-6;
