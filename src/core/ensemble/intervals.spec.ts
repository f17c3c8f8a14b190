import fc from 'fast-check';
import { calibrateIntervals, CalibrationRecord } from './calibrate-intervals';
import { calibratedInterval, intervalAt, intervalScale, intervalSpace, scaledError } from './intervals';
import { seededRandom } from '../seeded-random';

describe('interval scale and space', () => {
  it('uses log space only for histories without zeros', () => {
    expect(intervalSpace([1, 2, 3])).toBe('log');
    expect(intervalSpace([1, 0, 3])).toBe('additive');
  });

  it('is the mean absolute change month to month, of the logs at lag 12 from two years on', () => {
    expect(intervalScale([10, 12, 9, 13], 'additive')).toBeCloseTo((2 + 3 + 4) / 3);
    expect(intervalScale([10, 12, 9, 13], 'log')).toBeCloseTo((Math.log(12 / 10) + Math.log(12 / 9) + Math.log(13 / 9)) / 3);
    const seasonal = Array.from({ length: 36 }, (_, t) => 100 * 1.1 ** Math.floor(t / 12) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)));
    expect(intervalScale(seasonal, 'log')).toBeCloseTo(Math.log(1.1));
    // A flat series still gets 5% of its level, so its interval never collapses to a point.
    expect(intervalScale(Array(36).fill(200), 'additive')).toBeCloseTo(10);
    expect(intervalScale(seasonal, 'log')).toBeGreaterThan(0.005);
  });

  it('gives a one-month history a wide default rather than zero width', () => {
    expect(intervalScale([50], 'log')).toBe(0.25);
    expect(intervalScale([50], 'additive')).toBeCloseTo(12.5);
  });

  it('keeps log-space bounds positive and additive bounds at or above 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e9, noNaN: true }), fc.double({ min: 0.005, max: 3, noNaN: true }), fc.double({ min: -20, max: 0, noNaN: true }), (f, s, lo) => {
        const log = intervalAt(f, s, 'log', lo, -lo);
        const add = intervalAt(f, s * f, 'additive', lo, -lo);
        return log.lower > 0 && log.lower <= f && log.upper >= f && add.lower >= 0 && add.lower <= f && add.upper >= f;
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('scores an actual of zero in log space as a far miss, not -Infinity', () => {
    expect(Number.isFinite(scaledError(0, 100, 0.1, 'log'))).toBe(true);
    expect(scaledError(0, 100, 0.1, 'log')).toBeLessThan(-60);
  });
});

describe('calibrateIntervals', () => {
  function noisyRecords(count: number, sd: number): CalibrationRecord[] {
    const random = seededRandom(3);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Array.from({ length: count }, () => {
      const forecast = new Float64Array(18).fill(100);
      const actual = forecast.map((f, h) => f * Math.exp(sd * Math.sqrt(h + 1) * gauss()));
      return { traits: { length: 60, zeroShare: 0 }, space: 'log', scale: 1, forecast, actual };
    });
  }

  it('covers the nominal share of the errors it was calibrated on, per step, widening with the step', () => {
    const records = noisyRecords(2000, 0.05);
    const entries = calibrateIntervals(records, 18, 0.8);
    const entry = entries.find((e) => e.key === 'log|48-95|none')!;
    expect(entry.points).toBe(2000 * 18);
    for (let h = 1; h < 18; h++) {
      expect(entry.upper[h]).toBeGreaterThanOrEqual(entry.upper[h - 1]);
      expect(entry.lower[h]).toBeLessThanOrEqual(entry.lower[h - 1]);
    }
    // For log-normal errors the 90% quantile of the scaled error is 1.2816 sd √h.
    expect(entry.upper[0]).toBeCloseTo(1.2816 * 0.05, 2);
    expect(entry.upper[15]).toBeCloseTo(1.2816 * 0.05 * 4, 1);
    const map = new Map(entries.map((e) => [e.key, e]));
    let inside = 0;
    for (const r of records) {
      const b = calibratedInterval(Array(60).fill(100).map((v, i) => v * (1 + 0.01 * (i % 2))), r.traits, r.forecast, map)!;
      const s = intervalScale(Array(60).fill(100).map((v, i) => v * (1 + 0.01 * (i % 2))), 'log');
      expect(s).toBeGreaterThan(0);
      for (let h = 0; h < 18; h++) if (r.actual[h] >= r.forecast[h] * Math.exp(entry.lower[h]) && r.actual[h] <= r.forecast[h] * Math.exp(entry.upper[h])) inside++;
      expect(b.lower[0]).toBeGreaterThan(0);
    }
    expect(inside / (2000 * 18)).toBeCloseTo(0.8, 2);
  });

  it('leaves out a segment with too few errors at some step, so its parent applies', () => {
    const entries = calibrateIntervals(noisyRecords(10, 0.05), 18, 0.8);
    expect(entries).toEqual([]);
  });
});
