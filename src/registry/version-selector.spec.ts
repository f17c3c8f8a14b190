import { parseVersionSelector, VersionSelector } from './version-selector';
import { VersionSelectorInvalidError } from './version-selector-invalid.error';

describe('parseVersionSelector', () => {
  it.each<[string, VersionSelector]>([
    ['1', { kind: 'number', version: 1 }],
    ['42', { kind: 'number', version: 42 }],
    [' 3 ', { kind: 'number', version: 3 }],
    ['latest', { kind: 'latest' }],
    ['production', { kind: 'alias', alias: 'production' }],
    ['staging-2', { kind: 'alias', alias: 'staging-2' }],
    ['Champion_v1.0', { kind: 'alias', alias: 'Champion_v1.0' }],
    ['best:wape', { kind: 'best', metric: 'wape' }],
    ['best:abs_bias', { kind: 'best', metric: 'abs_bias' }],
  ])('%p -> %p', (text, expected) => {
    expect(parseVersionSelector(text)).toEqual(expected);
  });

  it.each([
    ['', /positive integer/],
    ['0', /positive integer/],
    ['-1', /positive integer/],
    ['1.5', /positive integer/],
    ['01', /positive integer/],
    ['99999999999999999999', /positive integer/],
    ['prod uction', /positive integer/],
    ['best:', /must name a metric/],
    ['best:two words', /must name a metric/],
  ])('rejects %p naming MODEL_VERSION', (text, message) => {
    expect(() => parseVersionSelector(text)).toThrow(VersionSelectorInvalidError);
    expect(() => parseVersionSelector(text)).toThrow(message);
    expect(() => parseVersionSelector(text)).toThrow(/MODEL_VERSION/);
  });
});
