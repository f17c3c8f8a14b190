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
