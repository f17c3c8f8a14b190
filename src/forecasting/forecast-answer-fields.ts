import type { OpenAPIObject } from '@nestjs/swagger';
import { okResponseSchema } from '../openapi/openapi-serializers';
import { ENCODED_FIELDS } from './forecast-answer-encoder';

type Schema = { properties?: Record<string, Schema>; items?: Schema };

function properties(schema: Schema | undefined, where: string): Record<string, Schema> {
  if (!schema?.properties) throw new Error(`the OpenAPI answer of POST /v1/forecast has no properties at ${where}`);
  return schema.properties;
}

/**
 * Where the documented answer (ForecastResponseDto and the DTOs it holds) and the fields the hand-written
 * encoder writes differ, one line per object; empty when they agree.
 */
export function encodedFieldDifferences(document: OpenAPIObject): string[] {
  const answer = properties(okResponseSchema(document, 'POST', '/v1/forecast'), 'the answer');
  const forecast = properties(answer.forecasts?.items, 'forecasts[]');
  const documented: Record<keyof typeof ENCODED_FIELDS, Record<string, Schema>> = {
    answer,
    model: properties(answer.model, 'model'),
    forecast,
    point: properties(forecast.points?.items, 'forecasts[].points[]'),
  };
  const differences: string[] = [];
  for (const [object, fields] of Object.entries(ENCODED_FIELDS) as [keyof typeof ENCODED_FIELDS, readonly string[]][]) {
    const names = Object.keys(documented[object]);
    const missing = names.filter((name) => !fields.includes(name));
    const extra = fields.filter((name) => !names.includes(name));
    if (missing.length > 0) differences.push(`${object}: documented but not encoded: ${missing.join(', ')}`);
    if (extra.length > 0) differences.push(`${object}: encoded but not documented: ${extra.join(', ')}`);
  }
  return differences;
}

/** Fails the start when the encoder and the documented answer disagree (see ENCODED_FIELDS). */
export function checkEncodedFields(document: OpenAPIObject): void {
  const differences = encodedFieldDifferences(document);
  if (differences.length > 0) throw new Error(`forecast answer encoder out of step with ForecastResponseDto: ${differences.join('; ')}`);
}
