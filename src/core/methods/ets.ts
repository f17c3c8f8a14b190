import { FormFit, InitialStates, fitForm, parameterCount } from './ets-fit';
import { initialState } from './ets-init';
import { requireHistory } from './history-guard';
import { EtsForm, EtsSmoothing, EtsState, etsLabel, forecastFromState, ringToState, runEts } from './ets-model';

export type { EtsErrorType, EtsForm, EtsSeasonType, EtsSmoothing, EtsState, EtsTrendType } from './ets-model';

/** A fitted ETS model, JSON-serialisable: training fits once, serving re-applies it to a request's history. */
export interface EtsParams {
  kind: 'ets';
  /** e.g. `ets(M,Ad,M)`. */
  label: string;
  form: EtsForm;
  smoothing: EtsSmoothing;
  /** Estimated state before the first fitted observation. */
  initial: EtsState;
  /** State after the last fitted observation. */
  final: EtsState;
  /** The first and last (up to one season of) fitted values: how a later history is matched to the fit. */
  head: number[];
  tail: number[];
  fittedLength: number;
  /** One-step in-sample residual standard deviation: in units for A error, relative (a fraction of ŷ) for M error. */
  sigma: number;
  /** AICc of the chosen form; null for histories too short to compare forms. */
  aicc: number | null;
}

export interface EtsOptions {
  /** Season length, 12 for monthly data. */
  period?: number;
  /** Nelder–Mead budget per optimised coordinate (accuracy against fit time). */
  evaluationsPerCoordinate?: number;
  /** Which initial states maximum likelihood estimates (the rest come from R's heuristic). */
  initialStates?: InitialStates;
  /** Start each M-error form from its A-error twin's optimum (default true). */
  warmStart?: boolean;
}

const TINY_LENGTH = 7;

/** Forms R's ets() tries by default: no multiplicative trend, no additive error with multiplicative season. */
export function candidateForms(y: ArrayLike<number>, period: number): EtsForm[] {
  const n = y.length;
  let positive = true;
  for (let t = 0; t < n; t++) if (!(y[t] > 0)) positive = false;
  const forms: EtsForm[] = [];
  const seasonal = period > 1 && n >= 2 * period;
  for (const error of positive ? (['A', 'M'] as const) : (['A'] as const)) {
    for (const trend of ['N', 'A', 'Ad'] as const) {
      for (const season of seasonal ? (['N', 'A', 'M'] as const) : (['N'] as const)) {
        if (season === 'M' && (error === 'A' || !positive)) continue;
        const form: EtsForm = { error, trend, season, period: season === 'N' ? 1 : period };
        // AICc needs n > k + 1; asking for a few more keeps short histories in the simpler forms.
        if (n >= parameterCount(form) + 4) forms.push(form);
      }
    }
  }
  return forms;
}

/**
 * AutoETS in the manner of R forecast's ets(): every candidate form fitted by maximum likelihood, the lowest AICc
 * kept. Histories shorter than seven values get simple exponential smoothing from the first value, α by least
 * squares over a grid; one value is a flat forecast.
 */
export function fitEts(y: ArrayLike<number>, options: EtsOptions = {}): EtsParams {
  const n = y.length;
  requireHistory(y, 'fitEts');
  const period = options.period ?? 12;
  const scale = scaleOf(y);
  const scaled = new Float64Array(n);
  for (let t = 0; t < n; t++) scaled[t] = y[t] / scale;

  const forms = n < TINY_LENGTH ? [] : candidateForms(scaled, period);
  let best: FormFit | undefined;
  // A- and M-error forms share their recursions and coordinates, so an A-error optimum starts its M-error twin.
  const additiveOptima = new Map<string, Float64Array>();
  for (const form of forms) {
    const twin = `${form.trend}/${form.season}`;
    const warm = form.error === 'M' && options.warmStart !== false ? additiveOptima.get(twin) : undefined;
    const fit = fitForm(scaled, form, options.evaluationsPerCoordinate, options.initialStates, warm);
    if (form.error === 'A') additiveOptima.set(twin, fit.point);
    if (!best || fit.aicc < best.aicc) best = fit;
  }
  if (!best || !Number.isFinite(best.aicc)) best = fitTiny(scaled);
  return toParams(y, scaled, scale, best, forms.length > 0 && Number.isFinite(best.aicc) ? best.aicc : null);
}

function scaleOf(y: ArrayLike<number>): number {
  let max = 0;
  for (let t = 0; t < y.length; t++) if (Math.abs(y[t]) > max) max = Math.abs(y[t]);
  return max > 0 && Number.isFinite(max) ? max : 1;
}

function fitTiny(y: Float64Array): FormFit {
  const form: EtsForm = { error: 'A', trend: 'N', season: 'N', period: 1 };
  const initial: EtsState = { level: y[0], trend: 0, seasonals: [] };
  let bestAlpha = 0.5;
  let bestSse = Infinity;
  for (let alpha = 0.05; alpha < 1; alpha += 0.05) {
    const s: EtsSmoothing = { alpha, beta: 0, gamma: 0, phi: 1 };
    const { sumSquaredErrors } = runEts(y, 0, y.length, form, s, initial.level, 0, { seasonals: new Float64Array(1) });
    if (sumSquaredErrors < bestSse - 1e-12) {
      bestSse = sumSquaredErrors;
      bestAlpha = alpha;
    }
  }
  return { form, smoothing: { alpha: bestAlpha, beta: 0, gamma: 0, phi: 1 }, initial, likelihood: NaN, parameterCount: 1, aicc: NaN, point: new Float64Array(0) };
}

function toParams(y: ArrayLike<number>, scaled: Float64Array, scale: number, fit: FormFit, aicc: number | null): EtsParams {
  const { form, smoothing } = fit;
  const n = scaled.length;
  const ring = Float64Array.from(fit.initial.seasonals.length ? fit.initial.seasonals : [0]);
  const errors = new Float64Array(n);
  const run = runEts(scaled, 0, n, form, smoothing, fit.initial.level, fit.initial.trend, { seasonals: ring, errors });
  const unscale = (state: EtsState): EtsState => ({
    level: state.level * scale,
    trend: state.trend * scale,
    seasonals: form.season === 'A' ? state.seasonals.map((s) => s * scale) : [...state.seasonals],
  });
  const final = ringToState(form, run, ring);
  const degreesOfFreedom = Math.max(1, n - fit.parameterCount);
  const sigma = Math.sqrt(run.sumSquaredErrors / degreesOfFreedom) * (form.error === 'A' ? scale : 1);
  const window = Math.min(n, Math.max(form.period, 12));
  return {
    kind: 'ets',
    label: etsLabel(form),
    form,
    smoothing,
    initial: unscale(fit.initial),
    final: unscale(final),
    head: Array.from({ length: window }, (_, t) => y[t]),
    tail: Array.from({ length: window }, (_, t) => y[n - window + t]),
    fittedLength: n,
    sigma: Number.isFinite(sigma) ? sigma : 0,
    aicc,
  };
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function startsWith(y: ArrayLike<number>, head: number[]): boolean {
  if (y.length < head.length) return false;
  for (let t = 0; t < head.length; t++) if (!same(y[t], head[t])) return false;
  return true;
}

/** Index just after the last place in y where the fitted history's tail appears, or -1. */
function afterTail(y: ArrayLike<number>, tail: number[]): number {
  for (let end = y.length; end >= tail.length; end--) {
    let match = true;
    for (let k = 0; k < tail.length && match; k++) match = same(y[end - tail.length + k], tail[k]);
    if (match) return end;
  }
  return -1;
}

/**
 * Runs the fitted model over `y` and forecasts `horizon` steps. The start state is the fitted initial state when
 * y begins like the fitted history (so the fit's own history reproduces its forecasts exactly), the fitted final
 * state when y contains the fitted history's end (a later window of the same series), and R's heuristic initial
 * state of y otherwise. Non-negative histories get non-negative forecasts.
 */
export function forecastEts(history: ArrayLike<number>, params: EtsParams, horizon: number): Float64Array {
  const y = Float64Array.from(history);
  const n = y.length;
  requireHistory(y, 'forecastEts');
  const { form, smoothing } = params;
  let start: EtsState;
  let from = 0;
  if (startsWith(y, params.head)) {
    start = params.initial;
  } else if ((from = afterTail(y, params.tail)) >= 0) {
    start = params.final;
  } else {
    from = 0;
    start = initialState(y, form);
  }
  const ring = Float64Array.from(start.seasonals.length ? start.seasonals : [0]);
  const run = runEts(y, from, n, { ...form, error: 'A' }, smoothing, start.level, start.trend, { seasonals: ring });
  let forecast = forecastFromState(form, smoothing.phi, ringToState(form, run, ring), horizon);
  let nonNegative = true;
  for (let t = 0; t < n; t++) if (!(y[t] >= 0)) nonNegative = false;
  for (let h = 0; h < horizon; h++) {
    if (!Number.isFinite(forecast[h])) {
      forecast = new Float64Array(horizon).fill(Number.isFinite(y[n - 1]) ? y[n - 1] : 0);
      break;
    }
  }
  if (nonNegative) for (let h = 0; h < horizon; h++) forecast[h] = Math.max(0, forecast[h]);
  return forecast;
}
