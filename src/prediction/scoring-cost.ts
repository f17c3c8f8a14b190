import { seriesKey } from '../core/ensemble/ensemble-spec';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput } from './forecast-input';

// Measured on the 2-core machine with the embedded model (horizon 18): a series whose models were fitted in
// training costs ~0.05 ms to forecast (trees row-building, ONNX, combination); one the model has not seen is fitted
// at request time, ~3.7 ms for 60 months, about linear in its length.
const SHIPPED_SERIES_MS_PER_STEP = 0.003;
const FITTED_SERIES_MS_PER_MONTH = 0.065;
/** The horizon a body without a readable one is charged for when no model is served yet. */
const DEFAULT_HORIZON = 18;

function seriesMs(shippedKeys: Record<string, unknown> | undefined, country: unknown, sku: unknown, months: number, horizon: number): number {
  const fitted = shippedKeys !== undefined && (typeof country !== 'string' || typeof sku !== 'string' || shippedKeys[seriesKey(country, sku)] === undefined);
  return fitted ? FITTED_SERIES_MS_PER_MONTH * months : SHIPPED_SERIES_MS_PER_STEP * horizon;
}

/** Each series' share of estimatedScoringMs, in the request's order. */
export function estimatedSeriesScoringMs(input: ForecastInput, manifest: ModelManifest): number[] {
  const shipped = manifest.ensemble?.series;
  return input.series.map((series) => seriesMs(shipped, series.country, series.sku, series.history.values.length, input.horizon));
}

/** Roughly how long scoring `input` holds a thread, from what the request and the manifest say before any work. */
export function estimatedScoringMs(input: ForecastInput, manifest: ModelManifest): number {
  const shipped = manifest.ensemble?.series;
  let ms = 0;
  for (const series of input.series) ms += seriesMs(shipped, series.country, series.sku, series.history.values.length, input.horizon);
  return ms;
}

/**
 * The same estimate for a parsed body that has not been validated yet (admission weighs a request before its
 * validation runs): what cannot be read is charged as cheaply as a shipped series, since validation will refuse
 * it before any scoring. Without a manifest (no model served yet) every series is charged as shipped.
 */
export function estimatedBodyScoringMs(body: unknown, manifest: ModelManifest | undefined): number {
  const { horizon, series } = (body ?? {}) as { horizon?: unknown; series?: unknown };
  if (!Array.isArray(series)) return 0;
  const longest = manifest?.maxHorizon ?? DEFAULT_HORIZON;
  const steps = typeof horizon === 'number' && horizon >= 1 && horizon <= longest ? horizon : longest;
  const shipped = manifest?.ensemble?.series;
  let ms = 0;
  for (const item of series as unknown[]) {
    const { country, sku, history } = (item ?? {}) as { country?: unknown; sku?: unknown; history?: { values?: unknown } };
    const values = history?.values;
    ms += seriesMs(shipped, country, sku, Array.isArray(values) ? values.length : 0, steps);
  }
  return ms;
}
