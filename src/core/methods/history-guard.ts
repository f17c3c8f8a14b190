/**
 * Every method's precondition: at least one value, all finite. Missing months are the caller's to fill (or to
 * end the history before); a NaN inside would otherwise spread through every recursion into the forecast.
 */
export function requireHistory(y: ArrayLike<number>, method: string): void {
  if (y.length < 1) throw new RangeError(`${method} needs at least one value`);
  for (let t = 0; t < y.length; t++) {
    if (!Number.isFinite(y[t])) throw new RangeError(`${method}: value ${t} is ${y[t]}, values must be finite numbers`);
  }
}
