import { seriesKey } from '../core/ensemble/ensemble-spec';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput } from './forecast-input';

// Measured on the 2-core machine with the embedded model (horizon 18): a series whose models were fitted in
// training costs ~0.05 ms to forecast (trees row-building, ONNX, combination); one the model has not seen is fitted
// at request time, ~3.7 ms for 60 months, about linear in its length.
const SHIPPED_SERIES_MS_PER_STEP = 0.003;
const FITTED_SERIES_MS_PER_MONTH = 0.065;

/** Roughly how long scoring `input` holds a thread, from what the request and the manifest say before any work. */
export function estimatedScoringMs(input: ForecastInput, manifest: ModelManifest): number {
  const shipped = manifest.ensemble?.series;
  let ms = 0;
  for (const series of input.series) {
    const fitted = shipped !== undefined && shipped[seriesKey(series.country, series.sku)] === undefined;
    ms += fitted ? FITTED_SERIES_MS_PER_MONTH * series.history.values.length : SHIPPED_SERIES_MS_PER_STEP * input.horizon;
  }
  return ms;
}
