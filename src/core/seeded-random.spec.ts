import { sampleIndices, seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats its stream for a seed, differs across seeds and stays in [0, 1)', () => {
    const take = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
    expect(take(7)).toEqual(take(7));
    expect(take(8)).not.toEqual(take(7));
    const values = take(7);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 1);
  });
});

describe('sampleIndices', () => {
  it('draws distinct indices in ascending order', () => {
    const sample = Array.from(sampleIndices(50, 20, seededRandom(1)));
    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(sample.every((i) => i >= 0 && i < 50)).toBe(true);
  });
});
