import schema from './model-manifest.schema.json';
import { parseVersionSelector } from './version-selector';
import { ALIAS_PATTERN, MODEL_NAME_PATTERN, VERSION_SELECTOR_PATTERN } from '../common/names';

describe('the one name grammar', () => {
  it('is the manifest schema’s model-name pattern', () => {
    expect((schema.properties.name as { pattern: string }).pattern).toBe(MODEL_NAME_PATTERN.source);
  });

  it('accepts in MODEL_VERSION exactly what the version selector parses', () => {
    const alias63 = `a${'b'.repeat(62)}`;
    for (const selector of ['1', '42', 'latest', 'production', 'best:wape', `best:${alias63}`, alias63, 'champion.v2']) {
      expect({ selector, env: VERSION_SELECTOR_PATTERN.test(selector) }).toEqual({ selector, env: true });
      expect(() => parseVersionSelector(selector)).not.toThrow();
    }
    for (const selector of ['0', '-1', 'best:', `${alias63}c`, '_hidden', 'best:1x', 'a b', '']) {
      expect({ selector, env: VERSION_SELECTOR_PATTERN.test(selector) }).toEqual({ selector, env: false });
      expect(() => parseVersionSelector(selector)).toThrow();
    }
  });

  it('keeps aliases and model names apart: an alias may use capitals, a model name may not', () => {
    expect(ALIAS_PATTERN.test('Production')).toBe(true);
    expect(MODEL_NAME_PATTERN.test('Production')).toBe(false);
    expect(MODEL_NAME_PATTERN.test('demand-forecast')).toBe(true);
  });
});
