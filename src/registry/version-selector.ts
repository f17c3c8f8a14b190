import { ALIAS_PATTERN, ALIAS_RULE, VERSION_NUMBER_PATTERN } from '../common/names';
import { VersionSelectorInvalidError } from './version-selector-invalid.error';

/** MODEL_VERSION, parsed: which rule picks the version to serve. */
export type VersionSelector =
  | { kind: 'number'; version: number }
  | { kind: 'latest' }
  | { kind: 'alias'; alias: string }
  | { kind: 'best'; metric: string };

const NUMBER = VERSION_NUMBER_PATTERN;
const NAME = ALIAS_PATTERN;

/** Pure parsing of a selector: `3`, `latest`, `production`, `best:wape`. Throws VersionSelectorInvalidError. */
export function parseVersionSelector(selector: string): VersionSelector {
  const text = selector.trim();
  if (NUMBER.test(text)) {
    const version = Number(text);
    if (Number.isSafeInteger(version)) return { kind: 'number', version };
  }
  if (text === 'latest') return { kind: 'latest' };
  if (text.startsWith('best:')) {
    const metric = text.slice('best:'.length);
    if (NAME.test(metric)) return { kind: 'best', metric };
    throw new VersionSelectorInvalidError(`MODEL_VERSION "${selector}" must name a metric after "best:", e.g. best:wape`);
  }
  if (NAME.test(text)) return { kind: 'alias', alias: text };
  throw new VersionSelectorInvalidError(
    `MODEL_VERSION "${selector}" must be a positive integer, "latest", an alias or best:<metric> (alias and metric: ${ALIAS_RULE})`,
  );
}
