import { ValidationError } from 'class-validator';
import { registerElementRule, toViolations } from './validation-violations';

registerElementRule('each:positive', { rule: 'must be positive', isValid: (v) => typeof v === 'number' && v > 0 });

function error(property: string, constraints: Record<string, string> = {}, children: ValidationError[] = [], value?: unknown): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children, value });
}

describe('toViolations', () => {
  it('builds JSON paths with dots for properties and brackets for indices, dropping the repeated property name', () => {
    const tree = [
      error('horizon', { isInt: 'horizon must be an integer number' }),
      error('series', {}, [error('2', {}, [error('history', {}, [error('start', { matches: 'start must be a month in YYYY-MM form' })])])]),
    ];
    expect(toViolations(tree)).toEqual([
      { field: 'horizon', rule: 'must be an integer number' },
      { field: 'series[2].history.start', rule: 'must be a month in YYYY-MM form' },
    ]);
  });

  it('expands element rules into one violation per offending index', () => {
    const tree = [error('values', { 'each:positive': 'x' }, [], [1, -1, 'a', 3, 0])];
    expect(toViolations(tree)).toEqual([
      { field: 'values[1]', rule: 'must be positive' },
      { field: 'values[2]', rule: 'must be positive' },
      { field: 'values[4]', rule: 'must be positive' },
    ]);
  });

  it('names unknown properties and non-object nested values plainly', () => {
    const tree = [
      error('extra', { whitelistValidation: 'property extra should not exist' }),
      error('history', { nestedValidation: 'nested property history must be either object or array' }),
    ];
    expect(toViolations(tree)).toEqual([
      { field: 'extra', rule: 'is not a known property' },
      { field: 'history', rule: 'must be an object' },
    ]);
  });

  it('reports nothing inside a field that is itself wrong, and each field once', () => {
    const tree = [
      error('history', { isObject: 'history must be an object' }, [error('0', { nestedValidation: 'x' })]),
      error('sku', { isString: 'sku must be a string', length: 'sku is too long' }),
    ];
    expect(toViolations(tree)).toEqual([
      { field: 'history', rule: 'must be an object' },
      { field: 'sku', rule: 'must be a string' },
    ]);
  });
});
