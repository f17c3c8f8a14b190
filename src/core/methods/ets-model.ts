/** ETS components in Hyndman's taxonomy; multiplicative trend is left out, as R's ets() does by default. */
export type EtsErrorType = 'A' | 'M';
export type EtsTrendType = 'N' | 'A' | 'Ad';
export type EtsSeasonType = 'N' | 'A' | 'M';

export interface EtsForm {
  error: EtsErrorType;
  trend: EtsTrendType;
  season: EtsSeasonType;
  /** Season length; 1 when `season` is N. */
  period: number;
}

export interface EtsSmoothing {
  alpha: number;
  /** 0 when there is no trend. */
  beta: number;
  /** 0 when there is no season. */
  gamma: number;
  /** 1 unless the trend is damped. */
  phi: number;
}

/**
 * Level, trend and seasonal indices just before an observation: `seasonals[k]` is the index that applies k steps
 * later (k = 0 is the next observation), so the array always starts at the phase about to be used.
 */
export interface EtsState {
  level: number;
  trend: number;
  seasonals: number[];
}

/** Results of running the recursions over a history, written into caller-owned buffers. */
export interface EtsRunBuffers {
  /** Seasonal ring, length period: on entry the start state's indices in `EtsState` order, on exit the last ones. */
  seasonals: Float64Array;
  /** One-step errors (relative for M error), or undefined when not needed. */
  errors?: Float64Array;
}

const TOL = 1e-10;
const HUGE = 1e10;

export interface EtsRunResult {
  /** n·log(Σe²) (+ 2·Σlog|ŷ| for M error); +Infinity when the recursion degenerates. */
  likelihood: number;
  sumSquaredErrors: number;
  level: number;
  trend: number;
  /** Position in the seasonal ring of the next observation's index. */
  phase: number;
}

/**
 * The ETS state-space recursions in error-correction form (the same for A and M error; only the likelihood
 * differs), as in R forecast's etscalc: ŷ = (l + φb) ∘ s, then l, b and the used seasonal index are updated.
 * Allocation-free: this is the inner loop of every fit.
 */
export function runEts(
  y: ArrayLike<number>,
  from: number,
  to: number,
  form: EtsForm,
  p: EtsSmoothing,
  level0: number,
  trend0: number,
  buffers: EtsRunBuffers,
): EtsRunResult {
  const hasTrend = form.trend !== 'N';
  const season = form.season === 'N' ? 0 : form.season === 'A' ? 1 : 2;
  const multError = form.error === 'M';
  const { alpha, beta, gamma } = p;
  const phi = form.trend === 'Ad' ? p.phi : 1;
  const s = buffers.seasonals;
  const m = season === 0 ? 1 : form.period;
  const errors = buffers.errors;
  let level = level0;
  let trend = hasTrend ? trend0 : 0;
  let sse = 0;
  let sumLog = 0;
  let phase = 0;
  for (let t = from; t < to; t++) {
    const yt = y[t];
    const phib = hasTrend ? phi * trend : 0;
    const q = level + phib;
    const sv = season === 0 ? 0 : s[phase];
    const fitted = season === 0 ? q : season === 1 ? q + sv : q * sv;
    let e: number;
    if (multError) {
      if (!(Math.abs(fitted) > TOL)) return degenerate(level, trend, phase);
      e = (yt - fitted) / fitted;
      sumLog += Math.log(Math.abs(fitted));
    } else {
      e = yt - fitted;
    }
    if (errors) errors[t - from] = e;
    sse += e * e;
    const adjusted = season === 0 ? yt : season === 1 ? yt - sv : Math.abs(sv) < TOL ? HUGE : yt / sv;
    const nextLevel = q + alpha * (adjusted - q);
    if (hasTrend) trend = phib + beta * (adjusted - q);
    if (season !== 0) {
      const detrended = season === 1 ? yt - q : Math.abs(q) < TOL ? HUGE : yt / q;
      s[phase] = sv + gamma * (detrended - sv);
      phase = phase + 1 === m ? 0 : phase + 1;
    }
    level = nextLevel;
  }
  const n = to - from;
  const likelihood = n * Math.log(Math.max(sse, n * 1e-24)) + 2 * sumLog;
  return { likelihood: Number.isFinite(likelihood) ? likelihood : Infinity, sumSquaredErrors: sse, level, trend, phase };
}

function degenerate(level: number, trend: number, phase: number): EtsRunResult {
  return { likelihood: Infinity, sumSquaredErrors: Infinity, level, trend, phase };
}

/** Reads the seasonal ring after a run into `EtsState` order (next observation's index first). */
export function ringToState(form: EtsForm, run: EtsRunResult, ring: Float64Array): EtsState {
  const m = form.season === 'N' ? 0 : form.period;
  const seasonals: number[] = [];
  for (let k = 0; k < m; k++) seasonals.push(ring[(run.phase + k) % m]);
  return { level: run.level, trend: form.trend === 'N' ? 0 : run.trend, seasonals };
}

/** Point forecasts ŷ(h) = (l + (φ + … + φ^h)·b) ∘ s(h) from a state. */
export function forecastFromState(form: EtsForm, phi: number, state: EtsState, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const damping = form.trend === 'Ad' ? phi : 1;
  let cumulative = 0;
  let power = 1;
  for (let h = 0; h < horizon; h++) {
    power *= damping;
    cumulative += power;
    const base = state.level + (form.trend === 'N' ? 0 : cumulative * state.trend);
    const sv = form.season === 'N' ? 0 : state.seasonals[h % form.period];
    out[h] = form.season === 'N' ? base : form.season === 'A' ? base + sv : base * sv;
  }
  return out;
}

export function etsLabel(form: EtsForm): string {
  return `ets(${form.error},${form.trend},${form.season})`;
}
