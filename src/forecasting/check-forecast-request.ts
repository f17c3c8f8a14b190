import { parseMonth } from '../features/month';
import { Violation } from '../common/request-invalid.error';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput, seriesId } from './forecast-input';

export interface ModelLimits {
  maxHorizon: number;
  minHistory: number;
  maxSeries: number;
}

const LAST_MONTH = parseMonth('9999-12');

/** An ensemble answers any history of a month or more; a trees-only model needs its features' minimum history. */
export function limitsOf(manifest: Pick<ModelManifest, 'features' | 'ensemble'>, maxSeries: number): ModelLimits {
  return { maxHorizon: manifest.features.maxHorizon, minHistory: manifest.ensemble ? 1 : manifest.features.minHistory, maxSeries };
}

/** Rules that depend on the served model and the configuration, checked after the request's structure is valid. */
export function modelViolations(input: ForecastInput, limits: ModelLimits): Violation[] {
  const violations: Violation[] = [];
  if (input.series.length > limits.maxSeries) {
    violations.push({ field: 'series', rule: `must hold at most ${limits.maxSeries} series (got ${input.series.length})` });
  }
  if (input.horizon > limits.maxHorizon) {
    violations.push({ field: 'horizon', rule: `must be between 1 and ${limits.maxHorizon}, the model's maximum horizon` });
  }
  const firstUse = new Map<string, number>();
  input.series.forEach((series, i) => {
    const count = series.history.values.length;
    if (count < limits.minHistory) {
      violations.push({
        field: `series[${i}].history.values`,
        rule: `must hold at least ${limits.minHistory} months of history for this model (got ${count})`,
      });
    }
    if (parseMonth(series.history.start) + count - 1 + input.horizon > LAST_MONTH) {
      violations.push({ field: `series[${i}].history.start`, rule: 'must leave every forecast month at or before 9999-12' });
    }
    const id = seriesId(series);
    const earlier = firstUse.get(id);
    if (earlier === undefined) firstUse.set(id, i);
    else violations.push({ field: `series[${i}].id`, rule: `must be unique: "${id}" is also the id of series[${earlier}]` });
  });
  return violations;
}
