import { autocorrelations, lineFit, seasonalFigure } from './decompose';

describe('classical decomposition helpers', () => {
  const pattern = [5, -3, 2, 0, 1, -4, 6, -2, -1, 3, -5, -2];

  it('recovers an exact additive seasonal pattern around a linear trend', () => {
    const y = Array.from({ length: 48 }, (_, t) => 100 + 0.5 * t + pattern[t % 12]);
    const figure = seasonalFigure(y, 12, 'additive')!;
    pattern.forEach((s, p) => expect(figure[p]).toBeCloseTo(s, 10));
  });

  it('recovers an exact multiplicative pattern, indices averaging 1', () => {
    const indices = pattern.map((s) => 1 + s / 20);
    const y = Array.from({ length: 36 }, (_, t) => 50 * indices[t % 12]);
    const figure = seasonalFigure(y, 12, 'multiplicative')!;
    indices.forEach((s, p) => expect(figure[p]).toBeCloseTo(s, 10));
  });

  it('needs two full seasons', () => {
    expect(seasonalFigure(new Array(23).fill(1), 12, 'additive')).toBeUndefined();
  });

  it('computes autocorrelations with the sums over n', () => {
    const r = autocorrelations([1, 2, 3, 4], 2);
    expect(r[0]).toBeCloseTo(0.25, 12);
    expect(r[1]).toBeCloseTo(-0.3, 12);
  });

  it('fits a line with its intercept at x = 0', () => {
    expect(lineFit([5, 7, 9], 3, 1)).toEqual({ intercept: 3, slope: 2 });
  });
});
