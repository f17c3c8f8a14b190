import { lineFit, seasonalFigure } from './decompose';
import { EtsForm, EtsState } from './ets-model';

/**
 * R forecast's `initstate` heuristic: seasonal indices from a classical decomposition of the first three seasons
 * (or of all of a history with two to three), then level and trend from a line through the first
 * max(10, 2m) seasonally adjusted values. Used as the optimiser's start and, when a history is not the one a
 * model was fitted on, as that history's deterministic initial state. A seasonal form on a history shorter than
 * two seasons starts from neutral indices (nothing to estimate them from).
 */
export function initialState(y: ArrayLike<number>, form: EtsForm): EtsState {
  const n = y.length;
  const m = form.season === 'N' ? 1 : form.period;
  const multiplicative = form.season === 'M';
  let seasonals: number[] = [];
  if (form.season !== 'N') {
    const figure = seasonalFigure(y, m, multiplicative ? 'multiplicative' : 'additive', Math.min(n, 3 * m));
    seasonals = Array.from({ length: m }, (_, p) => (figure ? figure[p] : multiplicative ? 1 : 0));
    if (multiplicative) {
      seasonals = seasonals.map((s) => Math.max(s, 1e-2));
      const mean = seasonals.reduce((a, b) => a + b, 0) / m;
      seasonals = seasonals.map((s) => s / mean);
    }
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  const adjusted = new Float64Array(maxn);
  for (let t = 0; t < maxn; t++) {
    const s = form.season === 'N' ? undefined : seasonals[t % m];
    adjusted[t] = s === undefined ? y[t] : multiplicative ? y[t] / s : y[t] - s;
  }
  let level: number;
  let trend = 0;
  if (form.trend === 'N' || maxn < 2) {
    level = 0;
    for (let t = 0; t < maxn; t++) level += adjusted[t];
    level = maxn > 0 ? level / maxn : 0;
  } else {
    // x runs 1..maxn as in R, so the intercept is the state before the first observation.
    const line = lineFit(adjusted, maxn, 1);
    level = line.intercept;
    trend = line.slope;
    if (form.error === 'M' && Math.abs(level + trend) < 1e-8) {
      level *= 1 + 1e-3;
      trend *= 1 + 1e-3;
    }
  }
  return { level, trend, seasonals };
}
