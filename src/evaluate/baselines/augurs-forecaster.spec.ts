import { AugursForecaster } from './augurs-forecaster';

const pattern = (t: number) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + 0.2 * t;
// Deterministic noise of ±1, so the fit has residuals and intervals have width.
const noisy = (n: number) => Array.from({ length: n }, (_, t) => pattern(t) + ((t * 7919) % 11) / 5 - 1);
const series = (values: number[]) => ({ country: 'DE', sku: 'X', start: 24000, values });

let augurs: AugursForecaster;
beforeAll(async () => {
  augurs = await AugursForecaster.load();
});

describe('AugursForecaster (Grafana augurs, WASM, loaded under jest)', () => {
  it('forecasts a seasonal series close to its pattern, with an 80% interval around the point', async () => {
    const [forecast] = await augurs.forecast([series(noisy(72))], 18);
    expect(forecast.method).toBe('augurs_mstl_ets');
    expect(forecast.values).toHaveLength(18);
    forecast.values.forEach((v, h) => {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v - pattern(72 + h))).toBeLessThan(0.05 * pattern(72 + h));
      expect(forecast.lower![h]).toBeLessThanOrEqual(v);
      expect(forecast.upper![h]).toBeGreaterThanOrEqual(v);
    });
    expect(forecast.upper![17] - forecast.lower![17]).toBeGreaterThan(0);
  });

  it.each([
    { months: 18, method: 'augurs_autoets' },
    { months: 5, method: 'naive' },
  ])('falls back below two seasons: $months months -> $method', async ({ months, method }) => {
    const [forecast] = await augurs.forecast([series(noisy(months))], 6);
    expect(forecast.method).toBe(method);
    expect(forecast.values).toHaveLength(6);
    for (const v of forecast.values) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });

  it('answers every series of a panel in order, never negative, even for all-zero and declining series', async () => {
    const declining = Array.from({ length: 36 }, (_, t) => Math.max(0, 100 - 4 * t));
    const forecasts = await augurs.forecast([series(new Array(30).fill(0)), series(declining), series(noisy(40))], 12);
    expect(forecasts).toHaveLength(3);
    for (const f of forecasts) {
      expect(f.values).toHaveLength(12);
      for (const v of [...f.values, ...(f.lower ?? []), ...(f.upper ?? [])]) expect(Number.isFinite(v) && v >= 0).toBe(true);
    }
    expect(forecasts[0].values).toEqual(new Array(12).fill(0));
  });
});
