import { SeriesHistory, writeFeatureRows } from '../../features/feature-builder';
import { FeatureSpec } from '../../features/feature-spec';
import { HORIZON_BUCKETS } from '../../features/horizon-buckets';
import { monthOfYear } from '../../features/month';

/** Origins per series the reference covers by default: three of each calendar month, the recent population. */
export const DEFAULT_REFERENCE_ORIGIN_MONTHS = 36;

export interface ReferenceRows {
  data: Float32Array;
  rowCount: number;
  columnCount: number;
  /** Conditioning cell of each row: (origin calendar month − 1) × HORIZON_BUCKETS.length + bucket index. */
  cells: Int16Array;
  /** Step (months ahead) of each row. */
  steps: Int16Array;
  /** Calendar month (1-12) of each row's origin. */
  originMonths: Int8Array;
}

export const CELL_COUNT = 12 * HORIZON_BUCKETS.length;

export function cellOf(originMonthOfYear: number, step: number): number {
  let bucket = HORIZON_BUCKETS.findIndex((b) => step <= b.to);
  if (bucket < 0) bucket = HORIZON_BUCKETS.length - 1;
  return (originMonthOfYear - 1) * HORIZON_BUCKETS.length + bucket;
}

/**
 * The rows serving would build if each series were forecast, maxHorizon steps ahead, from each of its last
 * `originMonths` months (those with enough history): planning traffic forecasts from a series' last month, so
 * this is the population a monthly batch is drawn from. Features read history only, so every step is built.
 */
export function referenceRows(series: readonly SeriesHistory[], spec: FeatureSpec, originMonths = DEFAULT_REFERENCE_ORIGIN_MONTHS): ReferenceRows {
  const origins: { series: SeriesHistory; originIndex: number }[] = [];
  for (const s of series) {
    const last = s.values.length - 1;
    for (let t = Math.max(spec.minHistory - 1, last - originMonths + 1); t <= last; t++) origins.push({ series: s, originIndex: t });
  }
  const horizon = spec.maxHorizon;
  const columnCount = spec.names.length;
  const rowCount = origins.length * horizon;
  const data = new Float32Array(rowCount * columnCount);
  const cells = new Int16Array(rowCount);
  const steps = new Int16Array(rowCount);
  const months = new Int8Array(rowCount);
  origins.forEach(({ series: s, originIndex }, i) => {
    writeFeatureRows(data, i * horizon, s, originIndex, horizon, spec);
    const originMonth = monthOfYear(s.start + originIndex);
    for (let h = 1; h <= horizon; h++) {
      const row = i * horizon + h - 1;
      cells[row] = cellOf(originMonth, h);
      steps[row] = h;
      months[row] = originMonth;
    }
  });
  return { data, rowCount, columnCount, cells, steps, originMonths: months };
}
