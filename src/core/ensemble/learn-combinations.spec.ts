import { seededRandom } from '../seeded-random';
import { DEFAULT_WEIGHTS } from './combination';
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
    return { series: `s${i}`, traits: { length, zeroShare: 0 }, members, actual };
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

  it('keeps the default pair where weights learnt on some series do not carry to the others', () => {
    // Each series errs by its own amounts, centred on none: what the sample's weights learn is its own noise.
    const random = seededRandom(11);
    const offsets = Array.from({ length: 40 }, () => [random() - 0.5, random() - 0.5]);
    const noisy = records(40, (a, k) => {
      const [e, t] = offsets[Math.floor(k / 18)];
      return { ets: a * (1 + 0.6 * e), theta: a * (1 + 0.6 * t) };
    });
    const free = learnCombinations(noisy, { ...DEFAULT_LEARN_OPTIONS, folds: 0 }).find((e) => e.key === '*|*')!;
    expect(free.weights).not.toEqual(DEFAULT_WEIGHTS);
    expect(learnCombinations(noisy).find((e) => e.key === '*|*')!.weights).toEqual(DEFAULT_WEIGHTS);
  });

  it('keeps learnt weights that carry from series to series', () => {
    const entries = learnCombinations(records(40, (a, k) => ({ ets: a * (1 + 0.2 * Math.sin(k)), theta: a * (1 + 0.2 * Math.cos(k)), trees: a * 1.02 })));
    const { weights } = entries.find((e) => e.key === '*|*')!;
    expect(weights.trees).toBeGreaterThanOrEqual(0.9);
  });

  it('takes a series with its origins and shortened copies as one when cross-fitting', () => {
    // Forty records of two series: every fold's learnt weights come from the other series, which misleads.
    const two = records(40, (a, k) => (Math.floor(k / 18) % 2 === 0 ? { ets: a, theta: a * 0.7 } : { ets: a * 1.3, theta: a }));
    const asTwo = two.map((r, i) => ({ ...r, series: `s${i % 2}` }));
    expect(learnCombinations(asTwo).find((e) => e.key === '*|*')!.weights).toEqual(DEFAULT_WEIGHTS);
  });

  it('is deterministic', () => {
    const make = (a: number, k: number) => ({ ets: a * (1 + 0.1 * Math.sin(k)), theta: a * (1 + 0.1 * Math.cos(k)) });
    expect(learnCombinations(records(40, make))).toEqual(learnCombinations(records(40, make)));
  });
});
