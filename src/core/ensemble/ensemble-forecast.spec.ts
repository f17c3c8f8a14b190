import { ensembleForecast, loadEnsemble } from './ensemble-forecast';
import { EnsembleSpec } from './ensemble-spec';
import { fitSeriesModels } from './statistical-members';
import { historyTraits } from './segments';

const seasonal = (n: number, level = 100) => Array.from({ length: n }, (_, t) => level * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) * (1 + 0.002 * t));

const spec: EnsembleSpec = {
  specVersion: 1,
  coverage: 0.8,
  minTreeHistory: 48,
  combinations: [
    { key: '*|*', weights: { ets: 0.5, theta: 0.5 }, points: 1000 },
    { key: '96+|none', weights: { ets: 0.4, theta: 0.2, trees: 0.4 }, points: 1000 },
    { key: '*|intermittent', weights: { intermittent: 0.7, ets: 0.3 }, points: 1000 },
  ],
  intervals: [
    { key: 'log|*|*', space: 'log', lower: [-1, -1.5], upper: [1, 1.5], points: 1000 },
    { key: 'additive|*|*', space: 'additive', lower: [-1], upper: [1], points: 1000 },
  ],
  series: {},
};
const ensemble = loadEnsemble(spec);

describe('ensembleForecast', () => {
  it.each([1, 2, 3, 6, 11, 24, 47])('answers a %i-month history with finite forecasts, a method and why', (n) => {
    const f = ensembleForecast({ values: seasonal(n), horizon: 18 }, ensemble);
    expect(f.values).toHaveLength(18);
    for (const v of f.values) expect(Number.isFinite(v) && v >= 0).toBe(true);
    expect(f.method).toMatch(/ets\(|theta/);
    expect(f.reasons.join(' ')).toContain(`history of ${n} months is shorter than the 48 the global model needs`);
    expect(f.reasons.join(' ')).toContain('series not seen in training');
    for (let h = 0; h < 18; h++) {
      expect(f.lower![h]).toBeGreaterThan(0);
      expect(f.lower![h]).toBeLessThanOrEqual(f.values[h]);
      expect(f.upper![h]).toBeGreaterThanOrEqual(f.values[h]);
    }
  });

  it('joins the trees where the history is long enough and says so in the method', () => {
    const values = seasonal(120);
    const trees = Float64Array.from({ length: 6 }, () => 123);
    const f = ensembleForecast({ values, horizon: 6, global: { trees } }, ensemble);
    expect(f.method).toMatch(/^ets\(.*\)\+trees\+theta$/);
    const alone = ensembleForecast({ values, horizon: 6 }, ensemble);
    expect(f.values[0]).toBeCloseTo(0.4 * f.members.ets![0] + 0.2 * f.members.theta![0] + 0.4 * 123, 6);
    expect(alone.method).not.toContain('trees');
  });

  it('re-applies shipped per-series models without refitting them', () => {
    const values = seasonal(60);
    const shipped = fitSeriesModels(values, historyTraits(values));
    const f = ensembleForecast({ values, horizon: 12, shipped }, ensemble);
    const refit = ensembleForecast({ values, horizon: 12 }, ensemble);
    expect(f.reasons.join(' ')).not.toContain('not seen in training');
    expect(Array.from(f.values)).toEqual(Array.from(refit.values));
  });

  it('forecasts intermittent demand with the intermittent method, its lower bound 0', () => {
    const values = Array.from({ length: 36 }, (_, t) => (t % 3 === 0 ? 6 : 0));
    const f = ensembleForecast({ values, horizon: 6 }, ensemble);
    expect(f.method.startsWith('intermittent')).toBe(true);
    expect(f.reasons.join(' ')).toContain('intermittent demand (67% zero months)');
    expect(f.values[0]).toBeGreaterThan(0);
    expect(f.values[0]).toBeLessThan(6);
    expect(f.lower![0]).toBe(0);
  });

  it('forecasts an all-zero history as zero', () => {
    const f = ensembleForecast({ values: Array(24).fill(0), horizon: 3 }, ensemble);
    expect(Array.from(f.values)).toEqual([0, 0, 0]);
  });

  it('gives a history of 48 months and one of 246 different forecasts', () => {
    const long = seasonal(246);
    const a = ensembleForecast({ values: long, horizon: 6 }, ensemble);
    const b = ensembleForecast({ values: long.slice(-48), horizon: 6 }, ensemble);
    expect(Array.from(a.values)).not.toEqual(Array.from(b.values));
  });

  it('computes only the members the series can be weighted by, unless asked for all', () => {
    const values = seasonal(120);
    const global = { trees: Float64Array.from({ length: 6 }, () => 123) };
    const served = ensembleForecast({ values, horizon: 6, global }, ensemble);
    expect(Object.keys(served.members).sort()).toEqual(['ets', 'theta', 'trees']);
    const evaluated = ensembleForecast({ values, horizon: 6, global, allMembers: true }, ensemble);
    expect(Object.keys(evaluated.members).sort()).toEqual(['ets', 'naive', 'seasonal_drift', 'seasonal_naive', 'theta', 'trees']);
    expect(Array.from(served.values)).toEqual(Array.from(evaluated.values));
    // Weighted by trees only, a history too short for them falls back to the ETS–Theta pair.
    const treesOnly = loadEnsemble({ ...spec, combinations: [{ key: '*|*', weights: { trees: 1 }, points: 1 }] });
    expect(Object.keys(ensembleForecast({ values: seasonal(20), horizon: 3 }, treesOnly).members).sort()).toEqual(['ets', 'naive', 'theta']);
  });
});
