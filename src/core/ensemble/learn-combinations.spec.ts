import { seededRandom } from '../seeded-random';
import { BacktestRecord, DEFAULT_LEARN_OPTIONS, learnCombinations, simplexGrid } from './learn-combinations';

function records(count: number, make: (actual: number, i: number) => Partial<Record<'ets' | 'theta' | 'trees', number>>, length = 60): BacktestRecord[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, (_, i) => {
    const actual = Float64Array.from({ length: 18 }, () => 100 + 50 * random());
    const members: BacktestRecord['members'] = {};
    for (const name of ['ets', 'theta', 'trees'] as const) {
      const sample = make(1, i);
      if (sample[name] === undefined) continue;
      members[name] = actual.map((a, h) => make(a, i * 18 + h)[name]!);
    }
    return { traits: { length, zeroShare: 0 }, members, actual };
  });
}

describe('learnCombinations', () => {
  it('enumerates the simplex grid', () => {
    expect(simplexGrid(1, 10)).toEqual([[1]]);
    expect(simplexGrid(2, 2)).toEqual([[1, 0], [0.5, 0.5], [0, 1]]);
    expect(simplexGrid(4, 10)).toHaveLength(286);
    for (const w of simplexGrid(3, 10)) expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('puts all the weight on a member that is right', () => {
    const entries = learnCombinations(records(40, (a) => ({ ets: a, theta: a * 1.2, trees: a * 0.7 })));
    const all = entries.find((e) => e.key === '*|*')!;
    expect(all.weights).toEqual({ ets: 1 });
    expect(all.points).toBe(40 * 18);
  });

  it('splits evenly between two members that err equally in opposite directions', () => {
    const entries = learnCombinations(records(40, (a) => ({ ets: a * 1.1, theta: a * 0.9 })));
    expect(entries.find((e) => e.key === '48-95|none')!.weights).toEqual({ ets: 0.5, theta: 0.5 });
  });

  it('skips segments with too few points, so their series take the parent weights', () => {
    const make = (a: number) => ({ ets: a, theta: a * 1.3 });
    const thin = learnCombinations(records(5, make), { ...DEFAULT_LEARN_OPTIONS, minPoints: 200 });
    expect(thin.map((e) => e.key)).toEqual([]);
    const mixed = learnCombinations([...records(30, make, 120), ...records(5, make, 60)], { ...DEFAULT_LEARN_OPTIONS, minPoints: 200 });
    expect(mixed.map((e) => e.key)).toEqual(['*|*', '*|none', '96+|none']);
  });

  it('only combines members every record of the segment has', () => {
    const rs = [...records(30, (a) => ({ ets: a * 1.05, theta: a * 0.95, trees: a })), ...records(10, (a) => ({ ets: a * 1.05, theta: a * 0.95 }))];
    const all = learnCombinations(rs).find((e) => e.key === '*|*')!;
    expect(all.weights.trees).toBeUndefined();
  });

  it('is deterministic', () => {
    const make = (a: number, k: number) => ({ ets: a * (1 + 0.1 * Math.sin(k)), theta: a * (1 + 0.1 * Math.cos(k)) });
    expect(learnCombinations(records(40, make))).toEqual(learnCombinations(records(40, make)));
  });
});
