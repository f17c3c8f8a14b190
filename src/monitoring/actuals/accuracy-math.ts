/**
 * The parts of one point's error that the counters add up. error = forecast − actual (positive = over-forecast).
 * A signed sum cannot be a Prometheus counter, so the error is split into its over and under parts:
 * Σe = Σover − Σunder and Σ|e| = Σover + Σunder, both from monotonic counters.
 */
export interface ErrorParts {
  actual: number;
  absError: number;
  over: number;
  under: number;
}

export function errorParts(forecast: number, actual: number): ErrorParts {
  const error = forecast - actual;
  return { actual, absError: Math.abs(error), over: Math.max(error, 0), under: Math.max(-error, 0) };
}

/**
 * Above this many units per point a counter could reach +Inf after enough points (1e308 twice is Infinity); no
 * real monthly quantity comes near it, so such a point is left out of the sums rather than poisoning them.
 */
export const MAX_COUNTED_UNITS = 1e15;

/** True when every part is finite and at most MAX_COUNTED_UNITS: only then may it reach a counter. */
export function countable(parts: ErrorParts): boolean {
  return [parts.actual, parts.absError, parts.over, parts.under].every((v) => Number.isFinite(v) && v >= 0 && v <= MAX_COUNTED_UNITS);
}
