/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { RunningService } from '../../../src/bootstrap';
import { ModelManifest } from '../../../src/registry/model-manifest';
import { REPO_ROOT, startService, waitForReadiness } from '../../support/app';

jest.setTimeout(60_000);

// `npm ci && npm start` must serve with no Azure account: the default MODEL_REGISTRY_URL is the repo's registry/.
describe('the embedded default registry (registry/ at the repository root)', () => {
  let service: RunningService;

  beforeAll(async () => {
    // Empty values mean "unset": the service falls back to its defaults, file:./registry and production.
    service = await startService({ MODEL_REGISTRY_URL: '', MODEL_NAME: '', MODEL_VERSION: '' });
  });
  afterAll(() => service.close());

  it('serves the production version of demand-forecast and reproduces its golden examples over HTTP', async () => {
    const aliasesPath = path.join(REPO_ROOT, 'registry', 'demand-forecast', 'aliases.json');
    expect({ aliasesPath, exists: existsSync(aliasesPath) }).toEqual({ aliasesPath, exists: true });
    const ready = await waitForReadiness(service.url);
    expect(ready.status).toBe(200);
    const aliases = JSON.parse(readFileSync(aliasesPath, 'utf8')) as Record<string, number>;
    expect(ready.body.model).toEqual({ name: 'demand-forecast', version: aliases.production });

    const manifest = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'registry', 'demand-forecast', String(aliases.production), 'manifest.json'), 'utf8'),
    ) as ModelManifest;
    for (const example of manifest.golden) {
      const response = await request(service.url).post('/v1/forecast').send(example.request).expect(200);
      example.expected.forEach((steps, i) =>
        steps.forEach((expected, h) => {
          const actual = response.body.forecasts[i].points[h].value as number;
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(example.tolerance.absolute, example.tolerance.relative * Math.abs(expected)));
        }),
      );
    }
  });
});
