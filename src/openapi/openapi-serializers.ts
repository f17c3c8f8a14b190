import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

type Schema = SchemaObject | ReferenceObject;

// What shapes an answer; descriptions, examples and bounds only document.
const STRUCTURAL = new Set(['type', 'properties', 'required', 'items', 'enum', 'nullable', 'additionalProperties', 'allOf', 'anyOf', 'oneOf']);
const COMPONENT_REF = '#/components/schemas/';

/**
 * A self-contained JSON schema of an answer in the OpenAPI document: component references inlined, documentation
 * dropped. The forecast answer's encoder is checked against it (forecasting/forecast-answer-fields.ts).
 */
export function serializerSchema(schema: Schema, components: Record<string, Schema>, via: string[] = []): Record<string, unknown> {
  if ('$ref' in schema) {
    const name = schema.$ref.startsWith(COMPONENT_REF) ? schema.$ref.slice(COMPONENT_REF.length) : schema.$ref;
    const target = components[name];
    if (!target) throw new Error(`OpenAPI reference ${schema.$ref} names no component`);
    if (via.includes(name)) throw new Error(`OpenAPI component ${name} refers to itself (${[...via, name].join(' -> ')}); inlining it would not end`);
    return serializerSchema(target, components, [...via, name]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!STRUCTURAL.has(key)) continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, s]) => [name, serializerSchema(s, components, via)]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = serializerSchema(value as Schema, components, via);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as Schema[]).map((s) => serializerSchema(s, components, via));
    } else {
      out[key] = value;
    }
  }
  // Swagger wraps a described reference in a one-element allOf; unwrapped, the serializer needs no merge.
  if (Array.isArray(out.allOf) && out.allOf.length === 1) {
    const { allOf, ...rest } = out;
    return { ...(allOf[0] as Record<string, unknown>), ...rest };
  }
  return out;
}

/** The serializer schema of a route's 200 JSON answer in the document; `url` in Fastify form (`/a/:id`). */
export function okResponseSchema(document: OpenAPIObject, method: string, url: string): Record<string, unknown> | undefined {
  const operation = document.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase() as 'get'];
  const ok = operation?.responses?.['200'];
  const schema = ok && 'content' in ok ? ok.content?.['application/json']?.schema : undefined;
  return schema && serializerSchema(schema, document.components?.schemas ?? {});
}
