import * as fc from 'fast-check';
import { candidateForms, fitEts, forecastEts } from './ets';
import { seededRandom } from '../seeded-random';
import { EtsForm, forecastFromState, runEts } from './ets-model';

/** Deterministic standard normals (mulberry32 + Box–Muller), so simulated series are fixed. */
function normals(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

const pattern = [12, -8, 5, 0, 3, -10, 15, -4, -2, 7, -12, -6];

describe('ETS recursions', () => {
  it('follow simple exponential smoothing by hand', () => {
    const form: EtsForm = { error: 'A', trend: 'N', season: 'N', period: 1 };
    const errors = new Float64Array(3);
    const run = runEts(Float64Array.of(2, 4, 3), 0, 3, form, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, 1, 0, { seasonals: new Float64Array(1), errors });
    // ℓ: 1 → 1.5 → 2.75 → 2.875; errors 1, 2.5, 0.25
    expect(Array.from(errors)).toEqual([1, 2.5, 0.25]);
    expect(run.level).toBe(2.875);
    expect(run.likelihood).toBeCloseTo(3 * Math.log(1 + 6.25 + 0.0625), 12);
  });

  it('add the multiplicative likelihood term and relative errors for M error', () => {
    const form: EtsForm = { error: 'M', trend: 'N', season: 'N', period: 1 };
    const run = runEts(Float64Array.of(2, 4), 0, 2, form, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, 1, 0, { seasonals: new Float64Array(1) });
    // ŷ = 1 then 1.5; relative errors 1 and 5/3
    expect(run.likelihood).toBeCloseTo(2 * Math.log(1 + 25 / 9) + 2 * Math.log(1.5), 12);
  });

  it('forecast a damped trend with the partial sums of φ and the seasonal index of each step', () => {
    const form: EtsForm = { error: 'A', trend: 'Ad', season: 'A', period: 2 };
    const out = forecastFromState(form, 0.5, { level: 10, trend: 4, seasonals: [1, -1] }, 3);
    expect(Array.from(out)).toEqual([10 + 2 + 1, 10 + 3 - 1, 10 + 3.5 + 1]);
  });
});

describe('fitEts / forecastEts', () => {
  it.each([42, 0])('forecasts a constant series of %p flat', (value) => {
    const y = new Array(36).fill(value);
    const params = fitEts(y);
    for (const v of forecastEts(y, params, 18)) expect(v).toBeCloseTo(value, 6);
    expect(params.sigma).toBeLessThan(1e-6);
  });

  it('continues an exact linear trend', () => {
    const y = Array.from({ length: 30 }, (_, t) => 10 + 2 * t);
    const params = fitEts(y);
    expect(params.form.trend).not.toBe('N');
    forecastEts(y, params, 6).forEach((v, h) => expect(v).toBeCloseTo(10 + 2 * (30 + h), 2));
  });

  it('recovers an exact seasonal pattern', () => {
    const y = Array.from({ length: 48 }, (_, t) => 100 + pattern[t % 12]);
    const params = fitEts(y);
    expect(params.form.season).not.toBe('N');
    forecastEts(y, params, 12).forEach((v, h) => expect(v).toBeCloseTo(100 + pattern[(48 + h) % 12], 2));
  });

  it('picks the simulated model by AICc: additive seasonality without trend', () => {
    const noise = normals(7);
    let level = 0;
    const seasonals = [...pattern];
    const y: number[] = [];
    for (let t = 0; t < 120; t++) {
      const e = 2 * noise();
      y.push(level + seasonals[t % 12] + e);
      level += 0.3 * e;
      seasonals[t % 12] += 0.1 * e;
    }
    expect(fitEts(y).label).toBe('ets(A,N,A)');
  });

  it('picks the simulated model by AICc: multiplicative error and seasonality', () => {
    const noise = normals(11);
    let level = 500;
    const seasonals = pattern.map((s) => 1 + s / 25);
    const y: number[] = [];
    for (let t = 0; t < 120; t++) {
      const e = 0.03 * noise();
      const fitted = level * seasonals[t % 12];
      y.push(fitted * (1 + e));
      level *= 1 + 0.2 * e;
      seasonals[t % 12] *= 1 + 0.05 * e;
    }
    expect(fitEts(y).label).toBe('ets(M,N,M)');
  });

  it('only considers multiplicative forms for strictly positive data, and seasonal ones with two seasons', () => {
    expect(candidateForms([1, 0, ...new Array(40).fill(1)], 12).every((f) => f.error === 'A')).toBe(true);
    expect(candidateForms(new Array(23).fill(1), 12).every((f) => f.season === 'N')).toBe(true);
    expect(candidateForms(new Array(60).fill(1), 12)).toHaveLength(15);
  });

  it.each([
    [[5], [5, 5, 5]],
    [[5, 7], undefined],
    [[5, 7, 6], undefined],
  ])('answers a history of %j with simple smoothing', (y, expected) => {
    const params = fitEts(y);
    expect(params.label).toBe('ets(A,N,N)');
    const forecast = Array.from(forecastEts(y, params, 3));
    if (expected) expect(forecast).toEqual(expected);
    for (const v of forecast) expect(v >= Math.min(...y) && v <= Math.max(...y)).toBe(true);
  });

  it('reproduces on its own history the forecasts of the fitted final state', () => {
    const noise = normals(5);
    const y = Array.from({ length: 72 }, (_, t) => 300 + 2 * t + 30 * Math.cos((2 * Math.PI * t) / 12) + 8 * noise());
    const params = fitEts(y);
    const fromFinal = forecastFromState(params.form, params.smoothing.phi, params.final, 18);
    forecastEts(y, params, 18).forEach((v, h) => expect(v).toBeCloseTo(fromFinal[h], 9));
  });

  it('uses another season length when told', () => {
    const quarters = [20, -5, 10, -25];
    const y = Array.from({ length: 24 }, (_, t) => 200 + quarters[t % 4]);
    const params = fitEts(y, { period: 4 });
    expect(params.form).toMatchObject({ season: expect.stringMatching(/A|M/), period: 4 });
    forecastEts(y, params, 8).forEach((v, h) => expect(v).toBeCloseTo(200 + quarters[(24 + h) % 4], 2));
  });

  it('re-applies the fit to a later window of the same series as to the whole series', () => {
    const noise = normals(3);
    const y = Array.from({ length: 110 }, (_, t) => 200 + t + 20 * Math.sin((2 * Math.PI * t) / 12) + 5 * noise());
    const params = fitEts(y.slice(0, 96));
    const whole = forecastEts(y, params, 18);
    const window = forecastEts(y.slice(40), params, 18);
    window.forEach((v, h) => expect(v).toBeCloseTo(whole[h], 8));
  });

  it('gives a history it was not fitted on its own sensible forecast', () => {
    const y = Array.from({ length: 60 }, (_, t) => 100 + pattern[t % 12] + t);
    const forecast = forecastEts(new Array(30).fill(7), fitEts(y), 6);
    for (const v of forecast) expect(v).toBeCloseTo(7, 6);
  });

  it('stays finite for huge values, and refuses an empty history', () => {
    const y = Array.from({ length: 40 }, (_, t) => 1e300 * (1 + (t % 3)));
    for (const v of forecastEts(y, fitEts(y), 6)) expect(Number.isFinite(v)).toBe(true);
    expect(() => fitEts([])).toThrow(RangeError);
  });

  it('is deterministic, finite and non-negative for any non-negative history', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), (y) => {
        const params = fitEts(y);
        const first = forecastEts(y, params, 18);
        expect(Array.from(forecastEts(y, JSON.parse(JSON.stringify(params)), 18))).toEqual(Array.from(first));
        expect(Array.from(forecastEts(y, fitEts(y), 18))).toEqual(Array.from(first));
        for (const v of first) expect(Number.isFinite(v) && v >= 0).toBe(true);
        expect(Number.isFinite(params.sigma)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
