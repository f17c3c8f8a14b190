import { fitEts, forecastEts } from './ets';
import { fitCroston, fitTsb } from './intermittent';
import { drift, naive } from './simple';
import { fitTheta } from './theta';

describe('every method refuses what it cannot forecast from', () => {
  const methods: [string, (y: number[]) => unknown][] = [
    ['fitEts', (y) => fitEts(y)],
    ['forecastEts', (y) => forecastEts(y, fitEts([1, 2, 3]), 3)],
    ['fitTheta', (y) => fitTheta(y)],
    ['fitCroston', (y) => fitCroston(y)],
    ['fitTsb', (y) => fitTsb(y)],
    ['naive', (y) => naive(y, 3)],
    ['drift', (y) => drift(y, 3)],
  ];

  it.each(methods)('%s: an empty history', (name, method) => {
    expect(() => method([])).toThrow(new RangeError(`${name} needs at least one value`));
  });

  it.each(methods)('%s: a value that is not a finite number, named by position', (name, method) => {
    expect(() => method([1, NaN, 3])).toThrow(`${name}: value 1 is NaN`);
    expect(() => method([1, 2, Infinity])).toThrow(`${name}: value 2 is Infinity`);
  });
});
