import { fitBestHoltWinters, fitHoltWinters, forecastHoltWinters, initialState, runHoltWinters } from './holt-winters';

const params = { alpha: 0.5, beta: 0.5, gamma: 0.5, phi: 0.9 };

describe('Holt-Winters', () => {
  it('starts from the first season mean, the per-month change to the second season, and first-season indices', () => {
    expect(initialState([10, 20, 12, 22], 2, 'additive')).toEqual({ level: 15, trend: 1, seasonals: [-5, 5], time: 0 });
    const m = initialState([10, 20, 12, 24], 2, 'multiplicative');
    expect(m.level).toBe(15);
    expect(m.trend).toBe(1.5);
    expect(m.seasonals[0]).toBeCloseTo(2 / 3, 12);
    expect(m.seasonals[1]).toBeCloseTo(4 / 3, 12);
  });

  it('additive damped recursions match values computed by hand', () => {
    // l0=15 b0=1 s=[-5,5]; t0: ŷ=15+0.9+(-5)=10.9, l=0.5*15+0.5*15.9=15.45, b=0.5*0.45+0.5*0.9=0.675, s0=0.5*(10-15.9)+0.5*(-5)=-5.45
    // t1: ŷ=15.45+0.6075+5=21.0575
    const run = runHoltWinters([10, 20, 12, 22], 2, 'additive', params);
    expect(run.fitted[0]).toBeCloseTo(10.9, 12);
    expect(run.fitted[1]).toBeCloseTo(21.0575, 12);
    expect(run.sse).toBeCloseTo(run.fitted.reduce((s, f, i) => s + (f - [10, 20, 12, 22][i]) ** 2, 0), 12);
  });

  it('multiplicative damped recursions match values computed by hand', () => {
    // l0=15 b0=1.5 s=[2/3,4/3]; t0: ŷ=16.35*2/3=10.9, l=0.5*15+0.5*16.35=15.675, b=0.5*0.675+0.5*1.35=1.0125
    // t1: ŷ=(15.675+0.91125)*4/3=22.115
    const run = runHoltWinters([10, 20, 12, 24], 2, 'multiplicative', params);
    expect(run.fitted[0]).toBeCloseTo(10.9, 12);
    expect(run.fitted[1]).toBeCloseTo(22.115, 12);
  });

  it('forecasts with the damped trend sum and the target phase seasonal index', () => {
    const state = { level: 100, trend: 10, seasonals: [-3, 7], time: 5 };
    // time 5 is phase 1: h=1 -> 100 + 0.5*10 + 7; h=2 -> 100 + 0.75*10 - 3; h=3 -> 100 + 0.875*10 + 7
    expect(forecastHoltWinters(state, 2, 'additive', 0.5, 3)).toEqual([112, 104.5, 115.75]);
    expect(forecastHoltWinters({ ...state, seasonals: [0.5, 2] }, 2, 'multiplicative', 0.5, 2)).toEqual([210, 53.75]);
  });

  it('fits an exactly additive seasonal series with a small in-sample error and forecasts its continuation', () => {
    const pattern = [5, -3, 8, 0, -6, 2, 4, -1, -4, 7, -9, -3];
    const series = Array.from({ length: 96 }, (_, t) => 200 + 0.5 * t + pattern[t % 12]);
    const fit = fitHoltWinters(series, 12, 'additive');
    const next = forecastHoltWinters(fit.state, 12, 'additive', fit.params.phi, 12);
    const truth = Array.from({ length: 12 }, (_, i) => 200 + 0.5 * (96 + i) + pattern[(96 + i) % 12]);
    next.forEach((f, i) => expect(Math.abs(f - truth[i]) / truth[i]).toBeLessThan(0.02));
    expect(fit.params.alpha).toBeGreaterThan(0);
    expect(fit.params.gamma).toBeLessThan(1 - fit.params.alpha);
    expect(fit.params.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.params.phi).toBeLessThanOrEqual(0.98);
  });

  it('prefers multiplicative seasonality when the seasonal swing grows with the level', () => {
    const factors = [0.7, 0.8, 1, 1.1, 1.2, 1.3, 1.2, 1.1, 1, 0.9, 0.8, 0.9];
    const series = Array.from({ length: 120 }, (_, t) => 100 * 1.015 ** t * factors[t % 12]);
    expect(fitBestHoltWinters(series).seasonality).toBe('multiplicative');
  });

  it('keeps additive when a value is zero, since multiplicative indices need positive data', () => {
    const series = Array.from({ length: 48 }, (_, t) => (t === 30 ? 0 : 10 + (t % 12)));
    expect(fitBestHoltWinters(series).seasonality).toBe('additive');
    expect(() => fitHoltWinters(series, 12, 'multiplicative')).toThrow(RangeError);
  });

  it('is deterministic', () => {
    const series = Array.from({ length: 60 }, (_, t) => 50 + 10 * Math.sin(t) + t);
    expect(fitBestHoltWinters(series)).toEqual(fitBestHoltWinters(series));
  });
});
