import { ValidationError } from 'class-validator';
import { Violation } from './request-invalid.error';

/** Constraint name of validators that check each element of an array and report the offending indices. */
export const ELEMENT_CHECK_PREFIX = 'each:';

/** Per-element checks report at most this many indices per field; the rest would only repeat the rule. */
export const MAX_ELEMENT_VIOLATIONS = 10;

export interface ElementRule {
  rule: string;
  isValid: (element: unknown) => boolean;
}

const elementRules = new Map<string, ElementRule>();

/** Registers a per-element rule so violations name `field[index]` instead of the whole array. */
export function registerElementRule(constraintName: string, rule: ElementRule): void {
  elementRules.set(constraintName, rule);
}

function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

function ruleText(message: string, property: string): string {
  // class-validator messages start with the property name; the field path already says it.
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

function elementViolations(field: string, value: unknown, rule: ElementRule): Violation[] {
  if (!Array.isArray(value)) return [{ field, rule: 'must be an array' }];
  const violations: Violation[] = [];
  for (let i = 0; i < value.length && violations.length < MAX_ELEMENT_VIOLATIONS; i++) {
    if (!rule.isValid(value[i])) violations.push({ field: `${field}[${i}]`, rule: rule.rule });
  }
  return violations;
}

/**
 * Flattens class-validator's error tree into violations with JSON-style paths: one per field (its first broken
 * rule), none inside a field that is itself wrong (a string `history` has no `history.values` to complain about).
 * One walk of the tree: linear in the number of errors, however many a hostile body produces.
 */
export function toViolations(errors: ValidationError[]): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  // An explicit stack rather than recursion: error trees are as deep as the body, and depth is bounded elsewhere.
  const stack: Array<{ error: ValidationError; parent: string }> = [];
  for (let i = errors.length - 1; i >= 0; i--) stack.push({ error: errors[i], parent: '' });
  while (stack.length > 0) {
    const { error, parent } = stack.pop()!;
    const field = childPath(parent, error.property);
    const own = ownViolations(error, field);
    for (const violation of own) {
      if (seen.has(violation.field)) continue;
      seen.add(violation.field);
      out.push(violation);
    }
    if (own.some((v) => v.field === field)) continue;
    const children = error.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ error: children[i], parent: field });
  }
  return out;
}

function ownViolations(error: ValidationError, field: string): Violation[] {
  const violations: Violation[] = [];
  for (const [name, message] of Object.entries(error.constraints ?? {})) {
    const elementRule = elementRules.get(name);
    if (elementRule) violations.push(...elementViolations(field, error.value, elementRule));
    else if (name === 'whitelistValidation') violations.push({ field, rule: 'is not a known property' });
    else if (name === 'nestedValidation') violations.push({ field, rule: 'must be an object' });
    else violations.push({ field, rule: ruleText(message, error.property) });
  }
  return violations;
}
