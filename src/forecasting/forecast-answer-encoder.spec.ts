import Ajv from 'ajv';
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { okResponseSchema } from '../openapi/openapi-serializers';
import { allocateForecastValues, seriesPoints } from '../prediction/forecast-values';
import { ForecastAnswer } from './forecast-answer';
import { encodeForecastAnswer, ForecastNotFiniteError } from './forecast-answer-encoder';
import { encodedFieldDifferences } from './forecast-answer-fields';

const document = JSON.parse(readFileSync(path.resolve(__dirname, '../../openapi/openapi.json'), 'utf8')) as OpenAPIObject;

/** The answer as plain objects, built from the same arrays the way the DTOs declare it: the oracle. */
function objectForm(answer: ForecastAnswer): unknown {
  return {
    model: answer.model,
    forecasts: answer.series.map((one, i) => ({
      id: one.id,
      country: one.country,
      sku: one.sku,
      points: seriesPoints(answer.values, i),
      ...(one.method !== undefined ? { method: one.method } : {}),
      ...(one.warnings !== undefined && one.warnings.length > 0 ? { warnings: one.warnings } : {}),
    })),
  };
}

// Strings as clients send them: quotes, backslashes, control characters, non-ASCII, emoji, lone surrogates.
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', '\u0000\u001f', 'ü', '日本', '😀', '\ud800', 'DE/SKU-1'),
);
// The longest texts Number.prototype.toString writes, and ordinary forecasts.
const finite = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-2.2250738585072014e-308, 1.7976931348623157e308, 5e-324, -0, 0, 1e21, 123456.789),
);

const answers = fc
  .record({
    horizon: fc.integer({ min: 1, max: 24 }),
    series: fc.array(
      fc.record({
        id: text,
        country: text,
        sku: text,
        method: fc.option(text, { nil: undefined }),
        warnings: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
        firstMonth: fc.integer({ min: 0, max: 12 * 9000 }),
        withInterval: fc.boolean(),
      }),
      { minLength: 0, maxLength: 6 },
    ),
    name: text,
    version: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .chain((shape) =>
    fc.array(finite, { minLength: 3 * shape.series.length * shape.horizon, maxLength: 3 * shape.series.length * shape.horizon }).map((numbers) => {
      const values = allocateForecastValues(
        shape.series.map((s) => s.firstMonth),
        shape.horizon,
        shape.series.some((s) => s.withInterval),
      );
      const size = shape.series.length * shape.horizon;
      values.values.set(numbers.slice(0, size));
      shape.series.forEach((s, i) => {
        if (!s.withInterval) return;
        values.lower!.set(numbers.slice(size + i * shape.horizon, size + (i + 1) * shape.horizon), i * shape.horizon);
        values.upper!.set(numbers.slice(2 * size + i * shape.horizon, 2 * size + (i + 1) * shape.horizon), i * shape.horizon);
      });
      const answer: ForecastAnswer = {
        model: { name: shape.name, version: shape.version },
        series: shape.series.map(({ id, country, sku, method, warnings }) => ({ id, country, sku, method, warnings })),
        values,
      };
      return answer;
    }),
  );

describe('encodeForecastAnswer', () => {
  it('writes the same bytes as JSON.stringify of the documented objects, for any strings and finite numbers', () => {
    fc.assert(
      fc.property(answers, (answer) => {
        expect(encodeForecastAnswer(answer).toString('utf8')).toBe(JSON.stringify(objectForm(answer)));
      }),
      { seed: 20261202, numRuns: 400 },
    );
  });

  it('writes answers the documented schema accepts', () => {
    const validate = new Ajv({ strict: false }).compile(okResponseSchema(document, 'POST', '/v1/forecast')!);
    fc.assert(
      fc.property(answers, (answer) => {
        const parsed: unknown = JSON.parse(encodeForecastAnswer(answer).toString('utf8'));
        // Negative numbers break the documented minimum 0; the pipeline never makes them, the generator does.
        const valid = validate(parsed);
        if (!valid) expect(validate.errors!.every((e) => e.keyword === 'minimum')).toBe(true);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('refuses a value that is not finite instead of writing null', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const values = allocateForecastValues([24_000], 2, false);
      values.values.set([1, bad]);
      expect(() => encodeForecastAnswer({ model: { name: 'm', version: 1 }, series: [{ id: 'a', country: 'DE', sku: 'S' }], values })).toThrow(
        ForecastNotFiniteError,
      );
    }
  });

  it('writes an answer without series as an empty list', () => {
    const values = allocateForecastValues([], 3, true);
    expect(encodeForecastAnswer({ model: { name: 'm', version: 2 }, series: [], values }).toString()).toBe('{"model":{"name":"m","version":2},"forecasts":[]}');
  });
});

describe('encodedFieldDifferences', () => {
  it('finds the encoder in step with the committed OpenAPI document', () => {
    expect(encodedFieldDifferences(document)).toEqual([]);
  });

  it('names a field added to a DTO that the encoder does not write, and one it writes that was removed', () => {
    const changed = structuredClone(document);
    const schemas = changed.components!.schemas as Record<string, { properties: Record<string, unknown> }>;
    schemas.ForecastPointDto.properties.median = { type: 'number' };
    delete schemas.SeriesForecastDto.properties.method;
    expect(encodedFieldDifferences(changed)).toEqual(['forecast: encoded but not documented: method', 'point: documented but not encoded: median']);
  });
});
