/** A series as the forecast endpoint receives it (and as golden examples store it), after structural validation. */
export interface SeriesInput {
  id?: string;
  country: string;
  sku: string;
  attributes?: Record<string, string>;
  history: { start: string; values: number[] };
}

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

export interface SeriesForecast {
  id: string;
  country: string;
  sku: string;
  points: ForecastPoint[];
  warnings?: string[];
}

/** The id a series answers under: the one given, else `<country>/<sku>`. */
export function seriesId(series: SeriesInput): string {
  return series.id ?? `${series.country}/${series.sku}`;
}
