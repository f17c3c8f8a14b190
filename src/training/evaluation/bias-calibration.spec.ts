import { predictTreeEnsemble } from '../gbdt/tree-ensemble';
import { biasShift, shiftEnsemble } from './bias-calibration';
import { EvaluationPoint } from './evaluation-table';

const point = (model: number, actual: number, scale: number): EvaluationPoint => ({
  country: 'NSW', sku: 'a', origin: 0, step: 1, actual, scale, forecasts: { model },
});

describe('bias calibration', () => {
  it('shifts by minus the total error over the total scale', () => {
    // errors +10 and +20 over scales 100 and 200: δ = -30 / 300
    expect(biasShift([point(110, 100, 100), point(220, 200, 200)])).toBeCloseTo(-0.1, 12);
    expect(biasShift([])).toBe(0);
  });

  it('folds the shift into the float32 base value so every prediction moves by it', () => {
    const ensemble = { baseValue: 1, trees: [{ nodes: [{ kind: 'leaf' as const, value: 0.5 }] }] };
    const shifted = shiftEnsemble(ensemble, -0.1);
    expect(shifted.baseValue).toBe(Math.fround(0.9));
    expect(predictTreeEnsemble(shifted, new Float32Array([0]), 1, 1)[0]).toBeCloseTo(1.4, 6);
    expect(ensemble.baseValue).toBe(1);
  });

  it('needs the scale of every point', () => {
    expect(() => biasShift([{ ...point(1, 1, 1), scale: undefined }])).toThrow(RangeError);
  });
});
