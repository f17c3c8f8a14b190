/**
 * The one grammar of model names, aliases and metric names: the environment (MODEL_NAME, MODEL_VERSION), the
 * version selector, the training CLI and the manifest schema all read these (a spec holds the schema's `name`
 * pattern to MODEL_NAME_PATTERN). They had drifted: a 64-character alias passed the configuration, failed the
 * selector, and was then reported as a failed session.
 */
export const MODEL_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const MODEL_NAME_RULE = 'lowercase letters, digits, ".", "_" or "-", starting with a letter or digit, at most 63 characters';

/** An alias (`production`) or a metric (`best:wape`): a letter, then letters, digits, ".", "_" or "-", at most 63. */
export const ALIAS_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;
export const ALIAS_RULE = 'a letter, then letters, digits, ".", "_" or "-", at most 63 characters';

export const VERSION_NUMBER_PATTERN = /^[1-9][0-9]*$/;

/** MODEL_VERSION: a version number, `latest`, `best:<metric>` or an alias. */
export const VERSION_SELECTOR_PATTERN = new RegExp(
  `^(?:${VERSION_NUMBER_PATTERN.source.slice(1, -1)}|latest|best:${ALIAS_PATTERN.source.slice(1, -1)}|${ALIAS_PATTERN.source.slice(1, -1)})$`,
);
