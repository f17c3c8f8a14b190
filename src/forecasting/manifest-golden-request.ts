import * as path from 'node:path';
import { dtoJsonSchema, JsonSchema } from '../common/dto-json-schema';
import { serializeManifestSchema, withGoldenRequestSchema } from '../registry/manifest-schema-document';
import committed from '../registry/model-manifest.schema.json';
import { ForecastRequestDto } from './forecast-request.dto';

export const MANIFEST_SCHEMA_FILE = path.join('src', 'registry', 'model-manifest.schema.json');

/**
 * The manifest schema with its golden requests checked exactly as POST /v1/forecast checks a body: the request
 * DTO is the one declaration, so a golden example the service would reject cannot be registered.
 */
export function deriveManifestSchema(request: Parameters<typeof dtoJsonSchema>[0] = ForecastRequestDto): JsonSchema {
  return withGoldenRequestSchema(committed, dtoJsonSchema(request));
}

/** The text model-manifest.schema.json must hold for the current request DTO. */
export function generateManifestSchema(): string {
  return serializeManifestSchema(deriveManifestSchema());
}
