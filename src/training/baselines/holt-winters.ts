import { nelderMead } from './nelder-mead';

export type Seasonality = 'additive' | 'multiplicative';

/** Smoothing parameters of damped-trend Holt-Winters (component form, Hyndman & Athanasopoulos, FPP 3rd ed. 8.3). */
export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** State after the last observation; `seasonals[t % period]` is the latest seasonal index of time t's phase. */
export interface HoltWintersState {
  level: number;
  trend: number;
  seasonals: number[];
  /** Number of observations consumed, so the next time index is `time`. */
  time: number;
}

export interface HoltWintersRun {
  state: HoltWintersState;
  /** One-step-ahead forecasts of every observation. */
  fitted: number[];
  sse: number;
}

export interface HoltWintersFit extends HoltWintersRun {
  seasonality: Seasonality;
  params: HoltWintersParams;
}

function mean(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}

/**
 * Classical start: level = mean of the first season, trend = change of the seasonal mean over the second season
 * per month, seasonal indices = first season against that level.
 */
export function initialState(values: ArrayLike<number>, period: number, seasonality: Seasonality): HoltWintersState {
  if (values.length < 2 * period) throw new RangeError(`Holt-Winters needs two full seasons (${2 * period} values)`);
  const level = mean(values, 0, period);
  const trend = (mean(values, period, 2 * period) - level) / period;
  const seasonals: number[] = [];
  for (let i = 0; i < period; i++) seasonals.push(seasonality === 'additive' ? values[i] - level : values[i] / level);
  return { level, trend, seasonals, time: 0 };
}

/** Runs the smoothing recursions over all values from the initial state, recording one-step forecasts. */
export function runHoltWinters(values: ArrayLike<number>, period: number, seasonality: Seasonality, p: HoltWintersParams): HoltWintersRun {
  const start = initialState(values, period, seasonality);
  let { level, trend } = start;
  const seasonals = [...start.seasonals];
  const fitted: number[] = [];
  let sse = 0;
  const additive = seasonality === 'additive';
  for (let t = 0; t < values.length; t++) {
    const y = values[t];
    const phase = t % period;
    const season = seasonals[phase];
    const base = level + p.phi * trend;
    const forecast = additive ? base + season : base * season;
    fitted.push(forecast);
    sse += (y - forecast) ** 2;
    const nextLevel = p.alpha * (additive ? y - season : y / season) + (1 - p.alpha) * base;
    trend = p.beta * (nextLevel - level) + (1 - p.beta) * p.phi * trend;
    seasonals[phase] = p.gamma * (additive ? y - base : y / base) + (1 - p.gamma) * season;
    level = nextLevel;
  }
  return { state: { level, trend, seasonals, time: values.length }, fitted, sse };
}

/** ŷ(n+h) = (l + (φ + … + φ^h) b) combined with the seasonal index of the target month's phase. */
export function forecastHoltWinters(state: HoltWintersState, period: number, seasonality: Seasonality, phi: number, horizon: number): number[] {
  const forecast: number[] = [];
  let damping = 0;
  for (let h = 1; h <= horizon; h++) {
    damping += phi ** h;
    const base = state.level + damping * state.trend;
    const season = state.seasonals[(state.time + h - 1) % period];
    forecast.push(seasonality === 'additive' ? base + season : base * season);
  }
  return forecast;
}

const PHI_RANGE = [0.8, 0.98] as const;
const EDGE = 1e-4;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/** Maps unconstrained coordinates to the usual region: 0<α<1, 0<β*<1, 0<γ<1−α, φ in [0.8, 0.98]. */
function toParams(x: number[]): HoltWintersParams {
  const inside = (v: number) => EDGE + (1 - 2 * EDGE) * sigmoid(v);
  const alpha = inside(x[0]);
  return {
    alpha,
    beta: inside(x[1]),
    gamma: (1 - alpha) * inside(x[2]),
    phi: PHI_RANGE[0] + (PHI_RANGE[1] - PHI_RANGE[0]) * sigmoid(x[3]),
  };
}

const START = [logit(0.3), logit(0.1), logit(0.15), logit(0.8)];

/** Fits α, β, γ, φ by minimising the in-sample one-step SSE with Nelder–Mead from a fixed start (deterministic). */
export function fitHoltWinters(values: ArrayLike<number>, period: number, seasonality: Seasonality, maxEvaluations = 300): HoltWintersFit {
  if (seasonality === 'multiplicative') {
    for (let i = 0; i < values.length; i++) {
      if (!(values[i] > 0)) throw new RangeError('multiplicative seasonality needs positive values');
    }
  }
  const best = nelderMead((x) => runHoltWinters(values, period, seasonality, toParams(x)).sse, START, {
    maxEvaluations,
    step: 1,
    tolerance: 1e-9,
  });
  const params = toParams(best.point);
  return { ...runHoltWinters(values, period, seasonality, params), seasonality, params };
}

/** Fits both seasonalities (multiplicative only for positive data) and keeps the one with the lower in-sample SSE. */
export function fitBestHoltWinters(values: ArrayLike<number>, period = 12): HoltWintersFit {
  const additive = fitHoltWinters(values, period, 'additive');
  let allPositive = true;
  for (let i = 0; i < values.length; i++) allPositive &&= values[i] > 0;
  if (!allPositive) return additive;
  const multiplicative = fitHoltWinters(values, period, 'multiplicative');
  return multiplicative.sse < additive.sse ? multiplicative : additive;
}
