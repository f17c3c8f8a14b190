/**
 * JSON schema of a 200 forecast answer, given to Fastify so it serializes with fast-json-stringify (same bytes):
 * measured 0.37 ms instead of 0.9 ms with JSON.stringify for 100 series x 12 points with intervals. Mirrors
 * ForecastResponseDto (the documented shape); the forecast e2e tests check the answers field by field.
 */
export const FORECAST_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['model', 'forecasts'],
  properties: {
    model: {
      type: 'object',
      required: ['name', 'version'],
      properties: { name: { type: 'string' }, version: { type: 'integer' } },
    },
    forecasts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'country', 'sku', 'points'],
        properties: {
          id: { type: 'string' },
          country: { type: 'string' },
          sku: { type: 'string' },
          points: {
            type: 'array',
            items: {
              type: 'object',
              required: ['month', 'value'],
              properties: {
                month: { type: 'string' },
                value: { type: 'number' },
                lower: { type: 'number' },
                upper: { type: 'number' },
              },
            },
          },
          method: { type: 'string' },
          warnings: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;
