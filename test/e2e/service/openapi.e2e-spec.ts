/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { RunningService } from '../../../src/bootstrap';
import { COMMITTED_OPENAPI, generateOpenApi } from '../../../src/write-openapi';
import { REPO_ROOT, startService } from '../../support/app';

const committed = readFileSync(path.join(REPO_ROOT, COMMITTED_OPENAPI), 'utf8');

jest.setTimeout(60_000);

describe('the OpenAPI document', () => {
  let service: RunningService;

  beforeAll(async () => {
    // No model at all: the document must not depend on one.
    service = await startService({ MODEL_REGISTRY_URL: 'file:/nonexistent-registry' });
  });
  afterAll(() => service.close());

  it('committed under openapi/ is exactly what the code generates (run `npm run openapi` after API changes)', async () => {
    expect(await generateOpenApi()).toBe(committed);
  });

  it('is served at /openapi.json', async () => {
    const response = await request(service.url).get('/openapi.json').expect(200).expect('content-type', /json/);
    expect(response.body).toEqual(JSON.parse(committed));
  });

  it('describes every request and response field with an example', () => {
    const document = JSON.parse(committed) as { components: { schemas: Record<string, { properties?: Record<string, { description?: string; example?: unknown; $ref?: string; allOf?: unknown; type?: string; items?: { $ref?: string } }> }> } };
    const ours = ['ForecastRequestDto', 'SeriesDto', 'HistoryDto', 'ForecastResponseDto', 'SeriesForecastDto', 'ForecastPointDto', 'ModelRefDto', 'ModelInfoDto', 'ErrorResponseDto', 'ViolationDto', 'ReadinessDto', 'LivenessDto'];
    for (const name of ours) {
      for (const [field, schema] of Object.entries(document.components.schemas[name].properties ?? {})) {
        expect({ field: `${name}.${field}`, described: Boolean(schema.description) }).toEqual({ field: `${name}.${field}`, described: true });
        const nested = Boolean(schema.$ref || schema.allOf || schema.items?.$ref);
        expect({ field: `${name}.${field}`, example: nested || schema.example !== undefined }).toEqual({ field: `${name}.${field}`, example: true });
      }
    }
  });

  it('Swagger UI answers at /docs with its assets', async () => {
    const page = await request(service.url).get('/docs').expect(200).expect('content-type', /text\/html/);
    expect(page.text).toContain('swagger-ui');
    await request(service.url).get('/docs/swagger-ui.css').expect(200);
    const init = await request(service.url).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('/v1/forecast');
  });
});
