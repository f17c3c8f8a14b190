import { SeriesHistory, writeFeatureRows } from '../../features/feature-builder';
import { FeatureSpec } from '../../features/feature-spec';
import { MonthIndex } from '../../features/month';
import { profileAt } from '../../features/series-profile';
import { seededRandom } from '../../core/seeded-random';

/** Which training origins each series contributes. */
export interface OriginWindow {
  /** Last month whose value training may see (targets included); later months are ignored. */
  cutoff: MonthIndex;
  /** Only origins within this many months before the cutoff (recent behaviour matters most, and it bounds time). */
  originMonths: number;
  /** Every `stride`-th origin, counted back from the last one. */
  stride: number;
  /** Weights halve every this many months back from the cutoff, so the recent regime counts most (0 = off). */
  recencyHalfLife: number;
  /** At most about this many rows: beyond it origins are sampled evenly with a fixed seed (unset = all). */
  maxRows?: number;
  seed?: number;
}

export interface TrainingMatrix {
  data: Float32Array;
  rowCount: number;
  columnCount: number;
  /** value[t+h] / scale at origin t. */
  targets: Float64Array;
  /** Proportional to the series' scale so that weighted squared error in scaled units tracks WAPE; mean 1. */
  weights: Float64Array;
}

interface Origin {
  series: SeriesHistory;
  originIndex: number;
  horizon: number;
}

/** Origins t with t+1 >= minHistory, within the window, each with its steps h (t+h <= cutoff, h <= maxHorizon). */
export function trainingOrigins(series: SeriesHistory[], spec: FeatureSpec, window: OriginWindow): Origin[] {
  const origins: Origin[] = [];
  for (const s of series) {
    const lastIndex = Math.min(s.values.length - 1, window.cutoff - s.start);
    const earliest = Math.max(spec.minHistory - 1, lastIndex - window.originMonths);
    for (let t = lastIndex - 1; t >= earliest; t -= window.stride) {
      origins.push({ series: s, originIndex: t, horizon: Math.min(spec.maxHorizon, lastIndex - t) });
    }
  }
  const rows = origins.reduce((sum, o) => sum + o.horizon, 0);
  if (window.maxRows === undefined || rows <= window.maxRows) return origins;
  // Sampling whole origins keeps each origin's steps together and bounds memory linearly in maxRows, not the panel.
  const random = seededRandom(window.seed ?? 1);
  const keep = window.maxRows / rows;
  return origins.filter(() => random() < keep);
}

/** Direct-horizon training rows built with the same writeFeatureRows that serving uses. */
export function buildTrainingMatrix(series: SeriesHistory[], spec: FeatureSpec, window: OriginWindow): TrainingMatrix {
  const origins = trainingOrigins(series, spec, window);
  const rowCount = origins.reduce((sum, o) => sum + o.horizon, 0);
  const columnCount = spec.names.length;
  const data = new Float32Array(rowCount * columnCount);
  const targets = new Float64Array(rowCount);
  const weights = new Float64Array(rowCount);
  let row = 0;
  for (const { series: s, originIndex, horizon } of origins) {
    const profile = profileAt(s.values, originIndex, spec);
    writeFeatureRows(data, row, s, originIndex, horizon, spec, profile);
    const age = window.cutoff - (s.start + originIndex);
    const recency = window.recencyHalfLife > 0 ? 0.5 ** (age / window.recencyHalfLife) : 1;
    for (let h = 1; h <= horizon; h++, row++) {
      targets[row] = s.values[originIndex + h] / profile.scale;
      weights[row] = profile.scale * recency;
    }
  }
  let total = 0;
  for (const w of weights) total += w;
  const mean = rowCount > 0 ? total / rowCount : 1;
  for (let i = 0; i < rowCount; i++) weights[i] /= mean;
  return { data, rowCount, columnCount, targets, weights };
}
