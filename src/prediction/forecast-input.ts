import { SeriesHistory } from '../features/feature-builder';
import { parseMonth } from '../features/month';
import { GoldenSeries } from '../registry/model-manifest';

/** A series as the forecast endpoint receives it, after structural validation: the shape golden examples store. */
export type SeriesInput = GoldenSeries;

export interface ForecastInput {
  horizon: number;
  series: SeriesInput[];
}

export interface ForecastPoint {
  month: string;
  value: number;
  lower?: number;
  upper?: number;
}

/** The series as pre-processing reads it: months as indices. Serving and training's golden examples share it. */
export function toSeriesHistory(series: SeriesInput): SeriesHistory {
  return {
    country: series.country,
    sku: series.sku,
    attributes: series.attributes,
    start: parseMonth(series.history.start),
    values: series.history.values,
  };
}

/** The id a series answers under: the one given, else `<country>/<sku>`. */
export function seriesId(series: SeriesInput): string {
  return series.id ?? `${series.country}/${series.sku}`;
}
