/** Simple exponential smoothing, ETS(A,N,N): ŷ(t+1) = ℓ(t), ℓ(t) = ℓ(t−1) + α(y(t) − ℓ(t−1)). */

const LOW = 1e-4;
const HIGH = 0.9999;

export interface SesFit {
  alpha: number;
  level0: number;
  sse: number;
  sigma: number;
}

/**
 * The one-step errors are affine in ℓ0 (e(t) = c(t) − (1 − α)^t ℓ0), so for a given α the least-squares ℓ0 is
 * exact and the fit is a one-dimensional search over α — the same optimum as R's ets("ANN") likelihood, without
 * a two-dimensional Nelder–Mead.
 */
function profile(y: ArrayLike<number>, alpha: number): { level0: number; sse: number } {
  let level = 0;
  let decay = 1;
  let scc = 0;
  let scd = 0;
  let sdd = 0;
  for (let t = 0; t < y.length; t++) {
    const c = y[t] - level;
    scc += c * c;
    scd += c * decay;
    sdd += decay * decay;
    level += alpha * c;
    decay *= 1 - alpha;
  }
  const level0 = sdd > 0 ? scd / sdd : 0;
  return { level0, sse: Math.max(0, scc - 2 * level0 * scd + level0 * level0 * sdd) };
}

/** Fits α on [1e-4, 0.9999] by a grid and golden-section refinement, ℓ0 exactly; deterministic. */
export function fitSes(y: ArrayLike<number>): SesFit {
  const n = y.length;
  const sseAt = (alpha: number) => profile(y, alpha).sse;
  const grid = 40;
  let bestIndex = 0;
  let bestSse = Infinity;
  const at = (i: number) => LOW + ((HIGH - LOW) * i) / grid;
  for (let i = 0; i <= grid; i++) {
    const sse = sseAt(at(i));
    if (sse < bestSse * (1 - 1e-12)) {
      bestSse = sse;
      bestIndex = i;
    }
  }
  let a = at(Math.max(0, bestIndex - 1));
  let b = at(Math.min(grid, bestIndex + 1));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = sseAt(c);
  let fd = sseAt(d);
  for (let i = 0; i < 30; i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = sseAt(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = sseAt(d);
    }
  }
  let alpha = (a + b) / 2;
  if (sseAt(alpha) > bestSse) alpha = at(bestIndex);
  const { level0, sse } = profile(y, alpha);
  return { alpha, level0, sse, sigma: Math.sqrt(sse / Math.max(1, n - 2)) };
}

/** Level after the last value, from the least-squares ℓ0 for this α. */
export function runSes(y: ArrayLike<number>, alpha: number): { level: number; level0: number } {
  const { level0 } = profile(y, alpha);
  let level = level0;
  for (let t = 0; t < y.length; t++) level += alpha * (y[t] - level);
  return { level, level0 };
}
