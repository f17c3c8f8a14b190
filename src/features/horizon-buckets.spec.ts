import { horizonBucket } from './horizon-buckets';

describe('horizonBucket', () => {
  it.each([
    [1, '1'],
    [2, '2-3'],
    [3, '2-3'],
    [4, '4-6'],
    [6, '4-6'],
    [7, '7-12'],
    [12, '7-12'],
    [13, '13-18'],
    [18, '13-18'],
    [24, '13-18'],
  ])('step %i is in bucket %s', (step, bucket) => {
    expect(horizonBucket(step)).toBe(bucket);
  });

  it.each([0, -1, 1.5])('rejects step %p', (step) => {
    expect(() => horizonBucket(step)).toThrow(RangeError);
  });
});
