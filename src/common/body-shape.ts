import { Violation } from './request-invalid.error';

/** Deeper bodies are refused before any transformation: the DTOs need 5 levels, class-transformer recurses. */
export const MAX_BODY_DEPTH = 32;

// Keys that name the prototype chain. Fastify's parser refuses `__proto__`; `constructor` and `prototype` pass
// it, and class-transformer's whitelist check never sees them because every instance has a `constructor`.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * One iterative walk of a parsed JSON body, linear in its size: the first violation of the depth limit, and any
 * key naming the prototype chain. Returns undefined when the body may go on to validation.
 */
export function bodyShapeViolation(body: unknown): Violation | undefined {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value: body, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) return { field: path, rule: `must not nest deeper than ${MAX_BODY_DEPTH} levels` };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        if (typeof element === 'object' && element !== null) stack.push({ value: element, depth: depth + 1, path: childPath(path, i) });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return { field: childPath(path, key), rule: 'is not a known property' };
      const child: unknown = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1, path: childPath(path, key) });
    }
  }
  return undefined;
}
