import { FeatureSpec } from '../../features/feature-spec';
import { predictTreeEnsemble, TreeEnsemble } from '../gbdt/tree-ensemble';
import { EvaluationPoint } from './evaluation-table';
import { blendedForecast, blendEnsemble, blendWeight, smoothingModel } from './smoothing-blend';

const point = (model: number, smoothing: number, actual: number, scale = 100): EvaluationPoint => ({
  country: 'NSW', sku: 'a', origin: 0, step: 1, actual, scale, forecasts: { model, smoothing },
});
const spec = { names: ['horizon', 'lag_1', 'smoothed_forecast', 'smoothed_growth'] } as FeatureSpec;

describe('smoothing blend', () => {
  it('blends the shifted trees with the smoothing in units', () => {
    // trees 110 shifted by -0.1 × scale 100 = 100; w = 0.25: 0.75 × 100 + 0.25 × 80 = 95
    expect(blendedForecast(point(110, 80, 90), -0.1, 0.25)).toBeCloseTo(95, 12);
    expect(blendedForecast(point(0, 0, 1), -1, 0)).toBe(0);
  });

  it('picks the weight with the lowest out-of-sample WAPE, the smaller one on a tie', () => {
    // trees over-forecast and smoothing under-forecasts by the same amount: w = 0.5 is exact
    expect(blendWeight([point(110, 90, 100), point(220, 180, 200)], 0)).toBe(0.5);
    // smoothing is exact: w = 1
    expect(blendWeight([point(130, 100, 100)], 0)).toBe(1);
    // both exact: every weight ties, 0 wins
    expect(blendWeight([point(100, 100, 100)], 0)).toBe(0);
    // the shift is applied first: trees 120 - 0.2 × 100 = 100 are exact
    expect(blendWeight([point(120, 60, 100)], -0.2)).toBe(0);
  });

  it('folds the blend into the ensemble: leaves and base scaled by 1 - w, the smoothed_forecast column times w', () => {
    const ensemble: TreeEnsemble = { baseValue: 1, trees: [{ nodes: [{ kind: 'split', featureIndex: 1, threshold: 0.5, left: 1, right: 2 }, { kind: 'leaf', value: 0.5 }, { kind: 'leaf', value: -0.25 }] }] };
    const blended = blendEnsemble(ensemble, 0.4, spec);
    expect(blended.offset).toEqual({ featureIndex: 2, weight: Math.fround(0.4) });
    const rows = Float32Array.from([1, 0, 2, 0, 1, 1, 3, 0]);
    // row 0: 0.6 × (1 + 0.5) + 0.4 × 2 = 1.7; row 1: 0.6 × (1 - 0.25) + 0.4 × 3 = 1.65
    const predicted = predictTreeEnsemble(blended, rows, 2, 4);
    expect(predicted[0]).toBeCloseTo(1.7, 6);
    expect(predicted[1]).toBeCloseTo(1.65, 6);
    expect(blendEnsemble(ensemble, 0, spec)).toBe(ensemble);
    expect(() => blendEnsemble(ensemble, 0.5, { names: ['horizon'] } as FeatureSpec)).toThrow(/smoothed_forecast/);
  });

  it('gives the smoothing alone as a model with no trees', () => {
    expect(smoothingModel(spec)).toEqual({ baseValue: 0, trees: [], offset: { featureIndex: 2, weight: 1 } });
    expect(smoothingModel({ names: ['horizon'] } as FeatureSpec)).toBeUndefined();
  });
});
