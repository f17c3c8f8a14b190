import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 2000, step: 0.5, tolerance: 1e-14 });
    expect(result.point[0]).toBeCloseTo(1, 3);
    expect(result.point[1]).toBeCloseTo(1, 3);
  });

  it('treats non-finite values as infinitely bad and respects the evaluation budget', () => {
    let calls = 0;
    const f = ([x]: number[]) => {
      calls++;
      return x < 0 ? Number.NaN : (x - 2) ** 2;
    };
    const result = nelderMead(f, [1], { maxEvaluations: 30, step: 1, tolerance: 0 });
    expect(result.point[0]).toBeGreaterThanOrEqual(0);
    expect(calls).toBe(result.evaluations);
    expect(result.evaluations).toBeLessThanOrEqual(30 + 2);
  });
});
