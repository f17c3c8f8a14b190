import { seasonalNaiveForecast } from './seasonal-naive';

describe('seasonalNaiveForecast', () => {
  it('repeats the latest observed season for every step', () => {
    const values = [1, 2, 3, 4, 5, 6];
    // period 4, origin index 5 (value 6): h=1 -> index 2, h=4 -> index 5, h=5 -> index 2 again
    expect(seasonalNaiveForecast(values, 5, 6, 4)).toEqual([3, 4, 5, 6, 3, 4]);
    expect(seasonalNaiveForecast(values, 3, 2, 4)).toEqual([1, 2]);
  });

  it('needs a full season up to the origin', () => {
    expect(() => seasonalNaiveForecast([1, 2, 3], 2, 1, 4)).toThrow(RangeError);
  });
});
