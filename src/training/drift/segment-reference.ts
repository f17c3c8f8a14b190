import { SegmentReference } from '../../registry/model-manifest';
import { segmentBin, segmentBinCount } from '../../monitoring/drift/segment-bins';
import { quantileSorted } from '../../features/quantile';
import { ReferenceRows } from './drift-reference-rows';

/**
 * Measured on aus_retail (148 series, a batch at each 2018 origin month against 36 origins of reference): with
 * terciles and a 25% margin, in-distribution batches read PSI ≤ 0.02 while one state's series at 3× read 0.31-0.52;
 * quartiles let the largest state's shift (0.28) sit too near the 0.25 alert line.
 */
export const SEGMENT_BINS = 3;
export const SEGMENT_MARGIN = Math.log(1.25);

/** `feature` within each label of categorical `by` (labels in `categories` order), from the reference rows. */
export function segmentReference(rows: ReferenceRows, names: string[], feature: string, by: string, categories: string[]): SegmentReference | undefined {
  const column = names.indexOf(feature);
  const byColumn = names.indexOf(by);
  if (column < 0 || byColumn < 0) return undefined;
  const values = categories.map(() => [] as number[]);
  for (let row = 0; row < rows.rowCount; row++) {
    const code = rows.data[row * rows.columnCount + byColumn];
    const value = rows.data[row * rows.columnCount + column];
    if (Number.isInteger(code) && code >= 0 && code < categories.length && Number.isFinite(value)) values[code].push(value);
  }
  const groups = categories.map((label, c) => {
    const sorted = Float64Array.from(values[c]).sort();
    if (sorted.length === 0) return { label, low: 0, high: 0, edges: [] };
    const edges: number[] = [];
    for (let i = 1; i < SEGMENT_BINS; i++) {
      const edge = quantileSorted(sorted, i / SEGMENT_BINS);
      if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
    }
    return { label, low: sorted[0] - SEGMENT_MARGIN, high: sorted[sorted.length - 1] + SEGMENT_MARGIN, edges };
  });
  const segment = { name: `${feature}|${by}`, feature, by, groups, shares: [] as number[] };
  const counts = new Array<number>(segmentBinCount(segment)).fill(0);
  for (let row = 0; row < rows.rowCount; row++) {
    const value = rows.data[row * rows.columnCount + column];
    if (Number.isFinite(value)) counts[segmentBin(segment, rows.data[row * rows.columnCount + byColumn], value)]++;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  segment.shares = counts.map((n) => (total > 0 ? Math.round((n / total) * 1e6) / 1e6 : 0));
  return segment;
}
