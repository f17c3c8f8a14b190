import { evaluationTable, EvaluationPoint } from './evaluation-table';

const point = (country: string, step: number, actual: number, model: number, naive: number): EvaluationPoint => ({
  country,
  sku: 'x',
  origin: 0,
  step,
  actual,
  forecasts: { model, naive },
});

describe('evaluationTable', () => {
  const points = [point('NSW', 1, 100, 90, 100), point('NSW', 2, 100, 120, 50), point('VIC', 13, 200, 200, 100)];
  const table = evaluationTable(points, ['model', 'naive']);

  it('scores each method on the same points overall', () => {
    // model: |e| = 10+20+0 = 30 over 400; e = -10+20+0 = 10. naive: |e| = 0+50+100 = 150; e = -150
    expect(table.model.overall.wape).toBeCloseTo(0.075, 12);
    expect(table.model.overall.bias).toBeCloseTo(0.025, 12);
    expect(table.naive.overall.wape).toBeCloseTo(0.375, 12);
    expect(table.naive.overall.bias).toBeCloseTo(-0.375, 12);
  });

  it('splits by horizon bucket and country, leaving out empty buckets', () => {
    expect(Object.keys(table.model.byHorizonBucket)).toEqual(['1', '2-3', '13-18']);
    expect(table.model.byHorizonBucket['1'].wape).toBeCloseTo(0.1, 12);
    expect(table.naive.byHorizonBucket['2-3'].bias).toBeCloseTo(-0.5, 12);
    expect(table.model.byCountry.NSW.wape).toBeCloseTo(0.15, 12);
    expect(table.naive.byCountry.VIC).toEqual({ wape: 0.5, accuracy: 0.5, bias: -0.5, points: 1 });
  });

  it('refuses a point that lacks a method forecast', () => {
    expect(() => evaluationTable([point('NSW', 1, 1, 1, 1)], ['model', 'hw'])).toThrow(/lacks a hw forecast/);
  });
});
