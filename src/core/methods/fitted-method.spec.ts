import { fitEts, forecastEts } from './ets';
import { FittedMethod, forecastFitted } from './fitted-method';
import { fitCroston, fitTsb, forecastCroston, forecastTsb } from './intermittent';
import { fitTheta, forecastTheta } from './theta';

describe('forecastFitted', () => {
  const y = Array.from({ length: 40 }, (_, t) => (t % 3 === 0 ? 0 : 10 + (t % 12)));

  it.each([
    ['ets', fitEts(y), forecastEts(y, fitEts(y), 6)],
    ['theta', fitTheta(y), forecastTheta(y, fitTheta(y), 6)],
    ['croston-sba', fitCroston(y), forecastCroston(y, fitCroston(y), 6)],
    ['tsb', fitTsb(y), forecastTsb(y, fitTsb(y), 6)],
  ] as [string, FittedMethod, Float64Array][])('dispatches %s params, also after a JSON round trip', (kind, params, expected) => {
    expect(params.kind).toBe(kind);
    expect(Array.from(forecastFitted(y, JSON.parse(JSON.stringify(params)) as FittedMethod, 6))).toEqual(Array.from(expected));
  });
});
