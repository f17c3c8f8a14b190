import { parseMonth } from '../features/month';
import { Violation } from '../common/request-invalid.error';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput, seriesId } from '../prediction/forecast-input';

export interface ModelLimits {
  maxHorizon: number;
  minHistory: number;
  maxSeries: number;
}

const LAST_MONTH = parseMonth('9999-12');

/** A machine code per model rule, so monitoring counts rejections by rule, never by a message's wording. */
export type ViolationReason = 'too_many_series' | 'horizon_too_long' | 'history_too_short' | 'beyond_last_month' | 'duplicate_id';

export interface ModelViolation extends Violation {
  reason: ViolationReason;
}

export function countReasons(violations: readonly ModelViolation[]): Map<ViolationReason, number> {
  const counts = new Map<ViolationReason, number>();
  for (const v of violations) counts.set(v.reason, (counts.get(v.reason) ?? 0) + 1);
  return counts;
}

/** An ensemble answers any history of a month or more; a trees-only model needs its features' minimum history. */
export function limitsOf(manifest: Pick<ModelManifest, 'features' | 'ensemble'>, maxSeries: number): ModelLimits {
  return { maxHorizon: manifest.features.maxHorizon, minHistory: manifest.ensemble ? 1 : manifest.features.minHistory, maxSeries };
}

/** Rules that depend on the served model and the configuration, checked after the request's structure is valid. */
export function modelViolations(input: ForecastInput, limits: ModelLimits): ModelViolation[] {
  const violations: ModelViolation[] = [];
  if (input.series.length > limits.maxSeries) {
    violations.push({ reason: 'too_many_series', field: 'series', rule: `must hold at most ${limits.maxSeries} series (got ${input.series.length})` });
  }
  if (input.horizon > limits.maxHorizon) {
    violations.push({ reason: 'horizon_too_long', field: 'horizon', rule: `must be between 1 and ${limits.maxHorizon}, the model's maximum horizon` });
  }
  const firstUse = new Map<string, number>();
  input.series.forEach((series, i) => {
    const count = series.history.values.length;
    if (count < limits.minHistory) {
      violations.push({
        reason: 'history_too_short',
        field: `series[${i}].history.values`,
        rule: `must hold at least ${limits.minHistory} months of history for this model (got ${count})`,
      });
    }
    if (parseMonth(series.history.start) + count - 1 + input.horizon > LAST_MONTH) {
      violations.push({ reason: 'beyond_last_month', field: `series[${i}].history.start`, rule: 'must leave every forecast month at or before 9999-12' });
    }
    const id = seriesId(series);
    const earlier = firstUse.get(id);
    if (earlier === undefined) firstUse.set(id, i);
    else violations.push({ reason: 'duplicate_id', field: `series[${i}].id`, rule: `must be unique: "${id}" is also the id of series[${earlier}]` });
  });
  return violations;
}
