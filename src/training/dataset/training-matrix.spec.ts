import { fitFeatureSpec } from '../../features/fit-feature-spec';
import { buildTrainingMatrix, trainingOrigins } from './training-matrix';

const options = { lags: [1], seasonalLagYears: [], rollingMeanWindows: [], rollingStdWindows: [], scaleWindow: 2, xyzWindow: 2, maxHorizon: 3, attributes: [], abcShares: [0.8, 0.95] as [number, number] };
// minHistory is 24 (trend_12); 28 values = indices 0..27
const a = { country: 'NSW', sku: 'a', start: 0, values: Array.from({ length: 28 }, (_, i) => i + 1) };
const b = { country: 'VIC', sku: 'b', start: 0, values: Array.from({ length: 28 }, () => 4) };
const spec = fitFeatureSpec([a, b], options);

describe('training matrix', () => {
  it('takes origins with t+1 >= minHistory and steps that stay within the cutoff', () => {
    const origins = trainingOrigins([a], spec, { cutoff: 26, originMonths: 100, stride: 1, recencyHalfLife: 0 });
    // origins 25, 24, 23: steps up to 26 - t, at most 3
    expect(origins.map((o) => [o.originIndex, o.horizon])).toEqual([[25, 1], [24, 2], [23, 3]]);
    expect(trainingOrigins([a], spec, { cutoff: 26, originMonths: 1, stride: 1, recencyHalfLife: 0 }).map((o) => o.originIndex)).toEqual([25]);
    expect(trainingOrigins([a], spec, { cutoff: 27, originMonths: 100, stride: 2, recencyHalfLife: 0 }).map((o) => o.originIndex)).toEqual([26, 24]);
  });

  it('targets value[t+h]/scale and weights rows by scale (mean 1), halving with recency', () => {
    const m = buildTrainingMatrix([a, b], spec, { cutoff: 25, originMonths: 100, stride: 1, recencyHalfLife: 0 });
    // a: origin 24 (scale = mean(v23, v24) = mean(24, 25) = 24.5) gives h = 1; origin 23 (scale 23.5) gives h = 1, 2
    expect(m.rowCount).toBe(3 + 3);
    const aRows = Array.from(m.targets.slice(0, 3));
    expect(aRows).toEqual([26 / 24.5, 25 / 23.5, 26 / 23.5]);
    expect(Array.from(m.targets.slice(3))).toEqual([1, 1, 1]);
    const raw = [24.5, 23.5, 23.5, 4, 4, 4];
    const mean = raw.reduce((s, x) => s + x, 0) / 6;
    Array.from(m.weights).forEach((w, i) => expect(w).toBeCloseTo(raw[i] / mean, 12));
    const recent = buildTrainingMatrix([b], spec, { cutoff: 25, originMonths: 100, stride: 1, recencyHalfLife: 1 });
    // origin 24 is 1 month before the cutoff (weight 1/2), origin 23 two months (1/4); normalised to mean 1
    expect(recent.weights[0] / recent.weights[1]).toBeCloseTo(2, 12);
    expect(recent.data[0]).toBe(1);
  });
});
