import type { JsonSchema } from './dto-json-schema';
import { Violation } from './request-invalid.error';

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

export interface Precheck {
  /** Properties the schema does not know. */
  unknown: Violation[];
  /** Objects with more properties than the schema's maxProperties. */
  oversized: Violation[];
}

/**
 * What must be refused before class-transformer and class-validator see a body, found in one walk guided by a
 * derived DTO schema: unknown properties (class-validator builds an error object per key: 50,000 unknown keys
 * took 1.7 s) and objects over their maxProperties (class-transformer copies objects in time quadratic in their
 * keys: 50,000 attributes took 2.4 s). Only what the schema describes is walked, so depth needs no bound here.
 */
export function schemaPrecheck(body: unknown, schema: JsonSchema): Precheck {
  const found: Violation[] = [];
  const oversized: Violation[] = [];
  const stack: Array<{ value: unknown; schema: JsonSchema; path: string }> = [{ value: body, schema, path: '' }];
  while (stack.length > 0) {
    const { value, schema: at, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      const items = at.items as JsonSchema | undefined;
      if (items) for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], schema: items, path: childPath(path, i) });
      continue;
    }
    const keys = Object.keys(value);
    if (typeof at.maxProperties === 'number' && keys.length > at.maxProperties) {
      oversized.push({ field: path || 'body', rule: `must have at most ${at.maxProperties} properties (got ${keys.length})` });
    }
    const properties = at.properties as Record<string, JsonSchema> | undefined;
    if (!properties || at.additionalProperties !== false) continue;
    for (const key of keys) {
      const known = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (!known) found.push({ field: childPath(path, key), rule: 'is not a known property' });
      else stack.push({ value: (value as Record<string, unknown>)[key], schema: known, path: childPath(path, key) });
    }
  }
  return { unknown: found, oversized };
}
