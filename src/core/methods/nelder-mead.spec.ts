import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const result = nelderMead((x) => (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2, [0, 0], { maxEvaluations: 2000, step: 1, tolerance: 1e-14 });
    expect(result.point[0]).toBeCloseTo(3, 5);
    expect(result.point[1]).toBeCloseTo(-1, 5);
  });

  it('finds the Rosenbrock valley minimum with per-axis steps', () => {
    const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 5000, step: [0.5, 0.5], tolerance: 1e-16 });
    expect(result.point[0]).toBeCloseTo(1, 3);
    expect(result.point[1]).toBeCloseTo(1, 3);
  });

  it('treats non-finite values as refusals and stays in the allowed region', () => {
    const result = nelderMead((x) => (x[0] < 0 ? NaN : (x[0] - 0.5) ** 2), [2], { maxEvaluations: 500, step: 1, tolerance: 1e-14 });
    expect(result.point[0]).toBeCloseTo(0.5, 5);
    expect(Number.isFinite(result.value)).toBe(true);
  });

  it('stops at the evaluation budget', () => {
    const result = nelderMead((x) => x[0] ** 2 + x[1] ** 2, [5, 5], { maxEvaluations: 20, step: 1, tolerance: 0 });
    expect(result.evaluations).toBeLessThanOrEqual(22);
  });
});
