import { MethodAccuracy } from '../evaluation/evaluation-table';
import { flatMetrics } from './flat-metrics';

const accuracy = (wape: number, bias: number): MethodAccuracy => ({
  overall: { wape, accuracy: 1 - wape, bias, points: 10 },
  byHorizonBucket: { '1': { wape: wape / 2, accuracy: 1 - wape / 2, bias, points: 2 }, '13-18': { wape: Number.NaN, accuracy: Number.NaN, bias: Number.NaN, points: 0 } },
  byCountry: {},
});

describe('flatMetrics', () => {
  const { metrics, metricDirections } = flatMetrics(
    { model: accuracy(0.1, -0.02), holt_winters: accuracy(0.2, 0.03), seasonal_naive: accuracy(0.3, -0.04) },
    { model: accuracy(0.15, 0.01) },
  );

  it('names model metrics plainly, baselines and backtest with prefixes, buckets with suffixes', () => {
    expect(metrics).toMatchObject({
      wape: 0.1,
      accuracy: 0.9,
      bias: -0.02,
      abs_bias: 0.02,
      hw_wape: 0.2,
      hw_abs_bias: 0.03,
      snaive_wape: 0.3,
      backtest_wape: 0.15,
      wape_h1: 0.05,
    });
  });

  it('leaves out undefined values and gives every metric a direction', () => {
    expect(metrics).not.toHaveProperty('wape_h13_18');
    expect(Object.keys(metricDirections).sort()).toEqual(Object.keys(metrics).sort());
    expect(metricDirections.accuracy).toBe('higher');
    expect(metricDirections.hw_wape).toBe('lower');
    expect(metricDirections.abs_bias).toBe('lower');
    expect(metricDirections.backtest_abs_bias).toBe('lower');
    expect(metricDirections.wape_h1).toBe('lower');
  });

  it('judges every signed bias by its distance from zero', () => {
    for (const metric of ['bias', 'hw_bias', 'snaive_bias', 'backtest_bias', 'bias_h1']) expect([metric, metricDirections[metric]]).toEqual([metric, 'closest-to-zero']);
  });

  it('records the better baseline holdout WAPE for the worse-than-baseline alert', () => {
    // holt_winters 0.2 beats seasonal_naive 0.3
    expect(metrics.baseline_wape).toBe(0.2);
    expect(metricDirections.baseline_wape).toBe('lower');
    expect(flatMetrics({ model: accuracy(0.1, 0) }, {}).metrics).not.toHaveProperty('baseline_wape');
  });
});
