/**
 * Seasonal naive: each step repeats the same calendar month of the latest season observed at the origin,
 * F(origin + h) = y(origin + h - period * ceil(h / period)). Needs at least `period` values up to the origin.
 */
export function seasonalNaiveForecast(values: ArrayLike<number>, originIndex: number, horizon: number, period = 12): number[] {
  if (originIndex + 1 < period) throw new RangeError(`seasonal naive needs ${period} values up to the origin`);
  const forecast: number[] = [];
  for (let h = 1; h <= horizon; h++) forecast.push(values[originIndex + h - period * Math.ceil(h / period)]);
  return forecast;
}
