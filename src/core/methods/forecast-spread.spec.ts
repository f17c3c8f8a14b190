import { EtsParams, fitEts, forecastEts } from './ets';
import { etsForecastSd, thetaForecastSd } from './forecast-spread';
import { fitTheta, thetaSeasonalIndices } from './theta';

const params = (over: Partial<EtsParams['form']>, smoothing: Partial<EtsParams['smoothing']>, sigma = 2): EtsParams => ({
  ...fitEts([1]),
  form: { error: 'A', trend: 'N', season: 'N', period: 1, ...over },
  smoothing: { alpha: 0.5, beta: 0, gamma: 0, phi: 1, ...smoothing },
  sigma,
});

describe('forecast standard deviations', () => {
  it('grow as σ√(1 + (h−1)α²) for simple smoothing (by hand)', () => {
    const sd = etsForecastSd(params({}, { alpha: 0.5 }), [10, 10, 10]);
    expect(Array.from(sd)).toEqual([2, 2 * Math.sqrt(1.25), 2 * Math.sqrt(1.5)].map((v) => expect.closeTo(v, 12)));
  });

  it('add the trend term α + βj and the seasonal γ once a season has passed', () => {
    const sd = etsForecastSd(params({ trend: 'A', season: 'A', period: 2 }, { alpha: 0.5, beta: 0.1, gamma: 0.2 }), [0, 0, 0]);
    // c1 = 0.5 + 0.1 = 0.6, c2 = 0.5 + 0.2 + 0.2 = 0.9
    expect(sd[1]).toBeCloseTo(2 * Math.sqrt(1 + 0.36), 12);
    expect(sd[2]).toBeCloseTo(2 * Math.sqrt(1 + 0.36 + 0.81), 12);
  });

  it('scale a relative σ by the point forecast for multiplicative error', () => {
    const sd = etsForecastSd(params({ error: 'M' }, { alpha: 0.5 }, 0.1), [200, 300]);
    expect(sd[0]).toBeCloseTo(20, 12);
    expect(sd[1]).toBeCloseTo(0.1 * 300 * Math.sqrt(1.25), 12);
  });

  it('are finite and non-decreasing in h for fitted additive models', () => {
    const y = Array.from({ length: 50 }, (_, t) => (t % 7) - 3 + t * 0.1);
    const fitted = fitEts(y);
    const sd = etsForecastSd(fitted, forecastEts(y, fitted, 18));
    for (let h = 1; h < 18; h++) expect(sd[h]).toBeGreaterThanOrEqual(sd[h - 1]);
  });

  it('reseasonalise the Theta standard error like its point forecast', () => {
    const indices = [1.2, 0.8, 1.1, 1, 1.05, 0.85, 1.3, 0.9, 0.95, 1.1, 0.75, 1.0];
    const y = Array.from({ length: 48 }, (_, t) => (100 + (t % 5)) * indices[t % 12]);
    const theta = fitTheta(y);
    const sd = thetaForecastSd(y, theta, 3);
    const seasonal = thetaSeasonalIndices(y, theta, 3);
    for (let h = 0; h < 3; h++) expect(sd[h]).toBeCloseTo(theta.sigma * Math.sqrt(1 + h * theta.alpha ** 2) * seasonal[h], 9);
    expect(seasonal[0]).toBeCloseTo(indices[0], 1);
  });
});
