import { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Route config (`@RouteConfig(SERIALIZED_BY_OPENAPI)`) asking Fastify to serialize the 200 answer with the
 * schema the OpenAPI document gives it. fast-json-stringify then writes only the documented fields, and
 * faster than JSON.stringify (measured 0.37 ms instead of 0.9 ms for 100 series x 12 points with intervals),
 * while the DTOs stay the one declaration of the answer: a field added there is serialized with no other edit.
 */
export const SERIALIZED_BY_OPENAPI = { serializedByOpenApi: true } as const;

type Schema = SchemaObject | ReferenceObject;

// What shapes the serialized bytes; descriptions, examples and bounds only document.
const STRUCTURAL = new Set(['type', 'properties', 'required', 'items', 'enum', 'nullable', 'additionalProperties', 'allOf', 'anyOf', 'oneOf']);
const COMPONENT_REF = '#/components/schemas/';

/** A self-contained JSON schema for fast-json-stringify: component references inlined, documentation dropped. */
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

/**
 * Gives every route marked SERIALIZED_BY_OPENAPI its 200 serializer schema from `document`, as Nest registers
 * the routes (at init, after this). A marked route the document has no 200 JSON answer for fails the start.
 */
export function serializeByOpenApi(app: INestApplication, document: OpenAPIObject): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (!(route.config as Partial<typeof SERIALIZED_BY_OPENAPI> | undefined)?.serializedByOpenApi) return;
    const method = Array.isArray(route.method) ? route.method[0] : route.method;
    // Fastify adds a HEAD twin of each GET, with the same config; its answer has no body to serialize.
    if (method === 'HEAD') return;
    const schema = okResponseSchema(document, method, route.url);
    if (!schema) throw new Error(`${method} ${route.url} is marked SERIALIZED_BY_OPENAPI, but the OpenAPI document has no 200 JSON answer for it`);
    route.schema = { ...route.schema, response: { ...(route.schema?.response as object | undefined), 200: schema } };
  });
}
