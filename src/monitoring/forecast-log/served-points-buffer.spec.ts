import { encodePointPrefix } from './forecast-log-format';
import { ServedPointsBuffer } from './served-points-buffer';

describe('ServedPointsBuffer', () => {
  it('keeps each series copied, with its line prefix, until reset; refuses an answer that does not fit whole', () => {
    const buffer = new ServedPointsBuffer(5);
    const answer = [
      { country: 'AU', sku: 'A', firstMonth: 100, values: [1, 2] },
      { country: 'AU', sku: 'B', firstMonth: 101, values: new Float64Array([3]) },
    ];
    expect(buffer.append('m', '2', 1_000, answer, 3)).toBe(true);
    answer[0].values[0] = 99; // the request's own arrays may change or go: the buffer holds copies
    expect(buffer.append('m', '2', 2_000, [{ country: 'AU', sku: 'A', firstMonth: 102, values: [4, 5, 6] }], 3)).toBe(false);
    expect(buffer.append('n', '1', 3_000, [{ country: 'AU', sku: 'A', firstMonth: 102, values: [4, 5] }], 2)).toBe(true);
    expect(buffer.points).toBe(5);
    const read = Array.from({ length: buffer.seriesCount }, (_, k) => {
      const s = buffer.series(k);
      return { ...s, values: [...s.values] };
    });
    expect(read).toEqual([
      { model: 'm', prefix: encodePointPrefix('AU', 'A', '2'), firstMonth: 100, servedAtMs: 1_000, values: [1, 2] },
      { model: 'm', prefix: encodePointPrefix('AU', 'B', '2'), firstMonth: 101, servedAtMs: 1_000, values: [3] },
      { model: 'n', prefix: encodePointPrefix('AU', 'A', '1'), firstMonth: 102, servedAtMs: 3_000, values: [4, 5] },
    ]);
    buffer.reset();
    expect([buffer.points, buffer.seriesCount]).toEqual([0, 0]);
    expect(buffer.append('m', '2', 4_000, [{ country: 'AU', sku: 'C', firstMonth: 1, values: [7, 8, 9, 10, 11] }], 5)).toBe(true);
  });
});
