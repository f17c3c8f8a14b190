import { SegmentReference } from '../../registry/model-manifest';
import { numericBin } from './drift-math';

/** Bins of a segment: per group [below, inside..., above], then the unknown-label bin. */
export function segmentBin(segment: Pick<SegmentReference, 'groups'>, code: number, value: number): number {
  const groups = segment.groups;
  if (!Number.isInteger(code) || code < 0 || code >= groups.length) return segmentBinCount(segment) - 1;
  let offset = 0;
  for (let c = 0; c < code; c++) offset += groups[c].edges.length + 3;
  const g = groups[code];
  const width = g.edges.length + 3;
  const local = value < g.low ? 0 : value > g.high ? width - 1 : 1 + numericBin(g.edges, value);
  return offset + local;
}

export function segmentBinCount(segment: Pick<SegmentReference, 'groups'>): number {
  return segment.groups.reduce((n, g) => n + g.edges.length + 3, 0) + 1;
}

/** Exported bin labels: `<label>:below`, `<label>:1`..., `<label>:above`, then `__unknown__`. */
export function segmentLabels(segment: Pick<SegmentReference, 'groups'>): string[] {
  const labels = segment.groups.flatMap((g) => [`${g.label}:below`, ...Array.from({ length: g.edges.length + 1 }, (_, i) => `${g.label}:${i + 1}`), `${g.label}:above`]);
  return [...labels, '__unknown__'];
}
