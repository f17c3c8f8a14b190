import { SmoothingSpec } from './feature-spec';

const PERIOD = 12;

/** Damped Holt-Winters state after the origin month; `seasonals[i]` is the index of the month i+1 steps ahead's phase. */
export interface SmoothingState {
  level: number;
  trend: number;
  /** Seasonal indices for steps 1..12 after the origin. */
  seasonals: number[];
  /** False when the indices are multiplicative. */
  additive: boolean;
}

/**
 * Damped-trend Holt-Winters with the spec's fixed parameters (component form, FPP 3rd ed. 8.3) over the last
 * `window` months up to values[originIndex]: classical start from the window's first two years, then the
 * recursions over the whole window. Only the window is read, so a request that sends exactly minHistory months
 * gets the same state as training, whatever came before. Where multiplicative seasonality is undefined (a
 * non-positive level, index or value on the way) the window is smoothed additively instead, so the forecast is
 * always a number: the model may add it to its output.
 */
export function smoothAt(values: ArrayLike<number>, originIndex: number, spec: SmoothingSpec): SmoothingState {
  return (spec.seasonality === 'multiplicative' && run(values, originIndex, spec, false)) || run(values, originIndex, spec, true)!;
}

function run(values: ArrayLike<number>, originIndex: number, spec: SmoothingSpec, additive: boolean): SmoothingState | undefined {
  const first = originIndex - spec.window + 1;
  let level = 0;
  let second = 0;
  for (let i = 0; i < PERIOD; i++) {
    level += values[first + i];
    second += values[first + PERIOD + i];
  }
  level /= PERIOD;
  let trend = (second / PERIOD - level) / PERIOD;
  if (!additive && !(level > 0)) return undefined;
  const seasonals: number[] = new Array(PERIOD);
  for (let i = 0; i < PERIOD; i++) seasonals[i] = additive ? values[first + i] - level : values[first + i] / level;
  const { alpha, beta, gamma, phi } = spec;
  for (let t = 0; t < spec.window; t++) {
    const y = values[first + t];
    const phase = t % PERIOD;
    const season = seasonals[phase];
    const base = level + phi * trend;
    if (!additive && !(season > 0 && base > 0)) return undefined;
    const nextLevel = alpha * (additive ? y - season : y / season) + (1 - alpha) * base;
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    seasonals[phase] = gamma * (additive ? y - base : y / base) + (1 - gamma) * season;
    level = nextLevel;
  }
  const next = spec.window % PERIOD;
  if (!additive && !(level > 0)) return undefined;
  const ahead: number[] = new Array(PERIOD);
  for (let i = 0; i < PERIOD; i++) ahead[i] = seasonals[(next + i) % PERIOD];
  return { level, trend, additive, seasonals: ahead };
}

/** ŷ(origin+h) = (l + (φ + … + φ^h) b) with the seasonal index of the target month (h ≥ 1). */
export function smoothedForecast(state: SmoothingState, h: number, spec: Pick<SmoothingSpec, 'phi'>): number {
  const damping = spec.phi === 1 ? h : (spec.phi * (1 - spec.phi ** h)) / (1 - spec.phi);
  const base = state.level + damping * state.trend;
  const season = state.seasonals[(h - 1) % PERIOD];
  return state.additive ? base + season : base * season;
}
