import { SeriesHistory } from '../../features/feature-builder';
import { MonthIndex } from '../../features/month';

/** Each series without its last `offset` months: every series cut at its own end, whatever date that is. */
export function cutPanel<S extends SeriesHistory>(panel: S[], offset: number, minLength = 1): S[] {
  const out: S[] = [];
  for (const s of panel) {
    const keep = s.values.length - offset;
    if (keep >= minLength) out.push({ ...s, values: Array.from(s.values).slice(0, keep) });
  }
  return out;
}

/** The latest month of any series: the cutoff that lets every series train on its whole cut history. */
export function panelEnd(panel: SeriesHistory[]): MonthIndex {
  let end = -Infinity;
  for (const s of panel) end = Math.max(end, s.start + s.values.length - 1);
  return end;
}

/** The months after a cut series' end, from the full series (NaN where it has none). */
export function actualsAfter(full: SeriesHistory, cutLength: number, horizon: number): Float64Array {
  const actual = new Float64Array(horizon).fill(Number.NaN);
  for (let h = 0; h < horizon && cutLength + h < full.values.length; h++) actual[h] = full.values[cutLength + h];
  return actual;
}

/** Every `count`-th-spread index of `n`, at most `count` of them, the same on every run. */
export function spreadSample(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
}
