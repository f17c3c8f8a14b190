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

function isInside(field: string, ancestor: string): boolean {
  return field.startsWith(`${ancestor}.`) || field.startsWith(`${ancestor}[`);
}

/**
 * Flattens class-validator's error tree into violations with JSON-style paths: one per field (its first broken
 * rule), none inside a field that is itself wrong (a string `history` has no `history.values` to complain about).
 */
export function toViolations(errors: ValidationError[]): Violation[] {
  const all = collect(errors, '');
  const seen = new Set<string>();
  return all.filter((v) => {
    if (seen.has(v.field) || all.some((other) => isInside(v.field, other.field))) return false;
    seen.add(v.field);
    return true;
  });
}

function collect(errors: ValidationError[], parent: string): Violation[] {
  return errors.flatMap((error) => {
    const field = childPath(parent, error.property);
    const own = Object.entries(error.constraints ?? {}).flatMap(([name, message]): Violation[] => {
      const elementRule = elementRules.get(name);
      if (elementRule) return elementViolations(field, error.value, elementRule);
      if (name === 'whitelistValidation') return [{ field, rule: 'is not a known property' }];
      if (name === 'nestedValidation') return [{ field, rule: 'must be an object' }];
      return [{ field, rule: ruleText(message, error.property) }];
    });
    return [...own, ...collect(error.children ?? [], field)];
  });
}
