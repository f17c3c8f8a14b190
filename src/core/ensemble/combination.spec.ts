import * as fc from 'fast-check';
import { activeMembers, combineForecast, combineStep, combineWith } from './combination';
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

describe('combineWith', () => {
  it('is combineStep at every step, never negative, for any members and weights', () => {
    const member = fc.option(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }), { nil: undefined });
    const weight = fc.option(fc.double({ min: -0.5, max: 1, noNaN: true }), { nil: undefined });
    const names = ['ets', 'theta', 'trees', 'smoothing', 'intermittent', 'seasonal_naive', 'naive'] as const;
    fc.assert(
      fc.property(fc.tuple(...names.map(() => member)), fc.tuple(...names.map(() => weight)), (forecasts, ws) => {
        const members = Object.fromEntries(names.flatMap((n, i) => (forecasts[i] ? [[n, forecasts[i]]] : [])));
        const weights = Object.fromEntries(names.flatMap((n, i) => (ws[i] !== undefined ? [[n, ws[i]]] : [])));
        const { values } = combineWith(members, weights, 6);
        for (let h = 0; h < 6; h++) expect(values[h]).toBe(Math.max(0, combineStep(members, weights, h)));
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
