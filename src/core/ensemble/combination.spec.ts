import { activeMembers, combineForecast, combineStep } from './combination';
import { CombinationEntry } from './ensemble-spec';

const f = (...values: number[]) => Float64Array.from(values);

describe('combineStep', () => {
  it('weights the members the series has, renormalised over them', () => {
    expect(combineStep({ ets: f(10), theta: f(20), trees: f(40) }, { ets: 0.5, theta: 0.25, trees: 0.25 }, 0)).toBeCloseTo(20);
    // No trees for a short history: 0.5 and 0.25 renormalise to 2/3 and 1/3.
    expect(combineStep({ ets: f(10), theta: f(20) }, { ets: 0.5, theta: 0.25, trees: 0.25 }, 0)).toBeCloseTo(40 / 3);
  });

  it('falls back to the ETS–Theta mean, then to naive, when no weighted member exists', () => {
    expect(combineStep({ ets: f(10), theta: f(30), naive: f(1) }, { trees: 1 }, 0)).toBe(20);
    expect(combineStep({ naive: f(7) }, { trees: 1 }, 0)).toBe(7);
  });

  it('names the members that carried weight, heaviest first', () => {
    expect(activeMembers({ ets: f(1), theta: f(1), trees: f(1) }, { theta: 0.2, trees: 0.5, ets: 0.3 })).toEqual(['trees', 'ets', 'theta']);
    expect(activeMembers({ ets: f(1), theta: f(1) }, { trees: 1 })).toEqual(['ets', 'theta']);
  });

  it('uses the most specific segment learnt and never goes below zero', () => {
    const entries = new Map<string, CombinationEntry>([
      ['24-47|none', { key: '24-47|none', weights: { ets: 0.5, theta: 0.5 }, points: 500 }],
      ['*|*', { key: '*|*', weights: { theta: 1 }, points: 500 }],
    ]);
    const members = { ets: f(1, 2, 3), theta: f(-9, 4, 5) };
    const mid = combineForecast(members, { length: 30, zeroShare: 0 }, 3, entries);
    expect(Array.from(mid.values)).toEqual([0, 3, 4]);
    expect(mid.used).toEqual(['ets', 'theta']);
    // No 96+ entry: the nearest history length learnt (24-47) applies before the pooled weights.
    const long = combineForecast(members, { length: 120, zeroShare: 0 }, 3, entries);
    expect(Array.from(long.values)).toEqual([0, 3, 4]);
    const intermittent = combineForecast(members, { length: 120, zeroShare: 0.5 }, 3, entries);
    expect(Array.from(intermittent.values)).toEqual([0, 4, 5]);
    expect(intermittent.used).toEqual(['theta']);
  });
});
