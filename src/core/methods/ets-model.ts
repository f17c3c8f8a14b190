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
 * Allocation-free when given `result`: this is the inner loop of every fit. `y` is a Float64Array so the loop
 * stays monomorphic.
 */
export function runEts(
  y: Float64Array,
  from: number,
  to: number,
  form: EtsForm,
  p: EtsSmoothing,
  level0: number,
  trend0: number,
  buffers: EtsRunBuffers,
  result: EtsRunResult = { likelihood: 0, sumSquaredErrors: 0, level: 0, trend: 0, phase: 0 },
): EtsRunResult {
  const hasTrend = form.trend !== 'N';
  const season = form.season === 'N' ? 0 : form.season === 'A' ? 1 : 2;
  const multError = form.error === 'M';
  const alpha = p.alpha;
  // Without a trend, φ = β = 0 keeps b at 0 and lets one loop body serve every form (branching on the form per
  // step measured slower).
  const beta = hasTrend ? p.beta : 0;
  const gamma = p.gamma;
  const phi = form.trend === 'Ad' ? p.phi : hasTrend ? 1 : 0;
  const s = buffers.seasonals;
  const m = season === 0 ? 1 : form.period;
  const errors = buffers.errors;
  // Unary plus types the loop variables as numbers up front; otherwise V8 boxed them on every step.
  let level = +level0;
  let trend = hasTrend ? +trend0 : 0;
  let sse = 0;
  // Σlog|ŷ| as the log of a running product, renormalised now and then: one Math.log per step cost a fifth of a fit.
  let sumLog = 0;
  let product = 1;
  let phase = 0;
  for (let t = from; t < to; t++) {
    const yt = y[t];
    const phib = phi * trend;
    const q = level + phib;
    let fitted = q;
    let sv = 0;
    let adjusted = yt;
    if (season === 1) {
      sv = s[phase];
      fitted = q + sv;
      adjusted = yt - sv;
    } else if (season === 2) {
      sv = s[phase];
      fitted = q * sv;
      adjusted = Math.abs(sv) < TOL ? HUGE : yt / sv;
    }
    let e = yt - fitted;
    if (multError) {
      const size = Math.abs(fitted);
      if (!(size > TOL)) return degenerate(result, level, trend, phase);
      e /= fitted;
      product *= size;
      if (product > 1e100 || product < 1e-100) {
        sumLog += Math.log(product);
        product = 1;
      }
    }
    if (errors !== undefined) errors[t - from] = e;
    sse += e * e;
    level = q + alpha * (adjusted - q);
    trend = phib + beta * (adjusted - q);
    if (season !== 0) {
      const detrended = season === 1 ? yt - q : Math.abs(q) < TOL ? HUGE : yt / q;
      s[phase] = sv + gamma * (detrended - sv);
      phase = phase + 1 === m ? 0 : phase + 1;
    }
  }
  if (multError) sumLog += Math.log(product);
  const n = to - from;
  const likelihood = n * Math.log(Math.max(sse, n * 1e-24)) + 2 * sumLog;
  result.likelihood = Number.isFinite(likelihood) ? likelihood : Infinity;
  result.sumSquaredErrors = sse;
  result.level = level;
  result.trend = trend;
  result.phase = phase;
  return result;
}

function degenerate(result: EtsRunResult, level: number, trend: number, phase: number): EtsRunResult {
  result.likelihood = Infinity;
  result.sumSquaredErrors = Infinity;
  result.level = level;
  result.trend = trend;
  result.phase = phase;
  return result;
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
