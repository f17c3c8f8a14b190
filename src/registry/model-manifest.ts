import type { EnsembleSpec } from '../core/ensemble/ensemble-spec';
import { FeatureSpec } from '../features/feature-spec';

export const MODEL_FILE = 'model.onnx';
export const MANIFEST_FILE = 'manifest.json';
export const ALIASES_FILE = 'aliases.json';

export type MetricDirection = 'lower' | 'higher' | 'closest-to-zero';

/** A tensor of the ONNX graph; `null` in `shape` is a dynamic dimension (the batch). */
export interface TensorSpec {
  name: string;
  type: 'float32';
  shape: (number | null)[];
}

/** Reference distribution of one numeric feature: shares of training rows between consecutive edges. */
export interface NumericReference {
  name: string;
  kind: 'numeric';
  /** Interior cut points, ascending; bin i holds values in (edges[i-1], edges[i]], the last bin everything above. */
  edges: number[];
  /** edges.length + 1 shares summing to 1. */
  shares: number[];
  min: number;
  max: number;
  /** Per conditioning cell (see DriftReference.conditioning), the shares of that cell's rows in the same bins. */
  cellShares?: number[][];
}

/** Reference frequencies of one categorical feature, by label; `__missing__` counts unknown or absent labels. */
export interface CategoricalReference {
  name: string;
  kind: 'categorical';
  shares: Record<string, number>;
  /** Per conditioning cell, label shares of that cell's rows. */
  cellShares?: Record<string, number>[];
}

/**
 * How reference rows are grouped so live traffic is compared like with like: cell = (origin calendar month − 1)
 * × horizonBuckets.length + bucket index, read from the two named model input columns. Monitoring mixes the
 * cells' shares by the live window's own cell counts, so a batch at one origin month meets that month's reference.
 */
export interface DriftConditioning {
  originMonthColumn: string;
  horizonColumn: string;
  horizonBuckets: { label: string; from: number; to: number }[];
  /** Reference rows per cell; a cell without rows falls back to the pooled shares. */
  cellRows: number[];
}

/**
 * One numeric feature's distribution within each label of a categorical one, e.g. the level (`log_scale`) within
 * each country: a country's series moving to another level is invisible in the pooled level but not here.
 */
export interface SegmentReference {
  /** The exported drift feature label, `<feature>|<by>`. */
  name: string;
  feature: string;
  by: string;
  /**
   * Per label of `by`: interior quantile edges, and the range outside which a value is out of the label's
   * reference (its min and max widened by a margin). Bins per group: below, (edges.length + 1) inside, above.
   */
  groups: { label: string; low: number; high: number; edges: number[] }[];
  /** Shares of reference rows per bin, groups in order, then one bin for rows whose label is unknown. */
  shares: number[];
}

/** A model input left out of drift: `constant` in the reference, or `calendar` (fixed by origin month and step). */
export interface DroppedDriftFeature {
  name: string;
  reason: 'constant' | 'calendar';
}

/**
 * What the monitoring compares recent requests with: per-feature and prediction distributions of the training
 * population forecast from each of its recent origins (as planning traffic forecasts from the last month).
 */
export interface DriftReference {
  sampleCount: number;
  /** Origins per series the reference was built from: the series' last `originMonths` months. */
  originMonths?: number;
  /** Pooled over all cells; also the data-quality ranges (min/max). */
  features: (NumericReference | CategoricalReference)[];
  /** Distribution of the raw model output (the prediction over the series' scale). */
  prediction: NumericReference;
  conditioning?: DriftConditioning;
  dropped?: DroppedDriftFeature[];
  segments?: SegmentReference[];
}

/** A series as in the forecast request body. */
export interface GoldenSeries {
  id?: string;
  country: string;
  sku: string;
  attributes?: Record<string, string>;
  history: { start: string; values: number[] };
}

/** A request and the forecasts the model must reproduce after loading, before it is reported ready. */
export interface GoldenExample {
  name: string;
  request: { horizon: number; series: GoldenSeries[] };
  /** Point forecasts in units, per series then per step. */
  expected: number[][];
  tolerance: { absolute: number; relative: number };
}

/** Prediction interval as ratios of the point forecast, per step (index 0 = one month ahead). */
export interface IntervalSpec {
  coverage: number;
  lowerRatio: number[];
  upperRatio: number[];
}

/**
 * The contract between training, the registry and serving, stored as `<model>/<version>/manifest.json` beside
 * `model.onnx`. Validated by model-manifest.schema.json plus the cross-field checks in validateManifest().
 * A model trained anywhere serves if it comes with a manifest that validates.
 */
export interface ModelManifest {
  schemaVersion: 1;
  name: string;
  version: number;
  createdAt: string;
  /** Version of the code that produced the model (git commit or package version). */
  codeVersion: string;
  artifact: { file: typeof MODEL_FILE; sha256: string; sizeBytes: number };
  io: { input: TensorSpec; output: TensorSpec };
  features: FeatureSpec;
  maxHorizon: number;
  /** Ratio intervals of a trees-only model (manifests without `ensemble`). */
  intervals?: IntervalSpec;
  /**
   * The combination of per-series models and the trees. With it every history of at least one month is
   * answered (the trees join where a series has features.minHistory months); without it the model is the trees
   * alone and every series needs features.minHistory months.
   */
  ensemble?: EnsembleSpec;
  /** Flat metrics for selection (`best:<metric>`) and promotion, e.g. wape, accuracy, bias, abs_bias. */
  metrics: Record<string, number>;
  /** Which way is better for each metric in `metrics`; `closest-to-zero` suits signed metrics such as bias. */
  metricDirections: Record<string, MetricDirection>;
  /** Full evaluation report (per horizon bucket, per country, baselines); free-form JSON. */
  evaluation?: Record<string, unknown>;
  data?: { sha256: string; rows: number; series: number; start: string; end: string; source?: string };
  training?: Record<string, unknown>;
  drift?: DriftReference;
  golden: GoldenExample[];
}
