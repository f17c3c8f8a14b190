import type { JsonSchema } from '../common/dto-json-schema';

/**
 * model-manifest.schema.json is committed complete, for readers outside this code base. Its `golden[].request`
 * part is not written by hand: `npm run manifest-schema` copies it from the forecast request DTO (the request's
 * one declaration), and a spec beside the DTO fails when the committed copy is stale.
 */
const GOLDEN_REQUEST_PATH = ['properties', 'golden', 'items', 'properties', 'request'] as const;

function goldenItemProperties(document: JsonSchema): Record<string, JsonSchema> {
  let node: unknown = document;
  for (const key of GOLDEN_REQUEST_PATH.slice(0, -1)) {
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (typeof node !== 'object' || node === null) throw new Error(`manifest schema has no ${GOLDEN_REQUEST_PATH.slice(0, -1).join('.')}`);
  return node as Record<string, JsonSchema>;
}

export function goldenRequestSchema(document: JsonSchema): JsonSchema {
  const schema = goldenItemProperties(document).request;
  if (!schema) throw new Error(`manifest schema has no ${GOLDEN_REQUEST_PATH.join('.')}`);
  return schema;
}

/** A copy of the manifest schema whose golden requests are checked by `request` instead. */
export function withGoldenRequestSchema(document: JsonSchema, request: JsonSchema): JsonSchema {
  const copy = structuredClone(document);
  goldenItemProperties(copy).request = structuredClone(request);
  return copy;
}

/** The committed file's exact text for a schema document. */
export function serializeManifestSchema(document: JsonSchema): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
