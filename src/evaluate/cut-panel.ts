import { SeriesHistory } from '../features/feature-builder';
import { MonthIndex } from '../features/month';

/** One series at one origin: what the method sees and what it is scored on. */
export interface CutSeries {
  /** Index of the series in the full panel. */
  seriesIndex: number;
  /** The months up to and including the cut month; a method sees only these. */
  history: SeriesHistory & { values: number[] };
  /** The cut month (the last month known to the forecast). */
  cut: MonthIndex;
  /** The months after the cut that exist, at most `horizon` of them. */
  actuals: number[];
}

export interface CutPanel {
  offset: number;
  series: CutSeries[];
  /** Series left out because they have fewer than minHistory months before their cut. */
  tooShort: number;
}

/**
 * Cuts every series at its own last month minus `offset`, so series that end on different dates each keep
 * the same number of held-out months; a series with fewer than `minHistory` months up to its cut is left out.
 */
export function cutPanel(panel: SeriesHistory[], offset: number, horizon: number, minHistory: number): CutPanel {
  const series: CutSeries[] = [];
  let tooShort = 0;
  panel.forEach((s, seriesIndex) => {
    const all = Array.from(s.values);
    const kept = all.length - offset;
    if (kept < Math.max(1, minHistory)) {
      tooShort++;
      return;
    }
    series.push({
      seriesIndex,
      history: { country: s.country, sku: s.sku, attributes: s.attributes, start: s.start, values: all.slice(0, kept) },
      cut: s.start + kept - 1,
      actuals: all.slice(kept, kept + horizon),
    });
  });
  return { offset, series, tooShort };
}
