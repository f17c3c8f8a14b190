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

  it('answers a batch mixing a 6-, a 24- and a 120-month history, each with its method, and refuses an empty one', async () => {
    const csv = readFileSync(path.join(REPO_ROOT, 'data', 'aus_retail', 'sales.csv'), 'utf8').trim().split('\n').slice(1);
    const nsw = csv.filter((line) => line.startsWith('NSW,supermarket_grocery,')).map((line) => line.split(','));
    const tail = (months: number, id: string) => ({
      id,
      country: 'NSW',
      sku: 'supermarket_grocery',
      attributes: { industry_group: nsw[0][2] },
      history: { start: nsw[nsw.length - months][3], values: nsw.slice(-months).map((cells) => Number(cells[4])) },
    });
    const body = { horizon: 12, series: [tail(6, 'six'), tail(24, 'twenty-four'), tail(120, 'one-twenty')] };
    const response = await request(service.url).post('/v1/forecast').send(body).expect(200);
    const forecasts = response.body.forecasts as { id: string; method: string; warnings?: string[]; points: { value: number; lower: number; upper: number }[] }[];
    expect(forecasts.map((f) => f.id)).toEqual(['six', 'twenty-four', 'one-twenty']);
    expect(forecasts[0].method).toMatch(/ets\(|theta/);
    expect(forecasts[0].warnings?.join(' ')).toContain('history of 6 months is shorter than the 48 the global model needs');
    expect(forecasts[1].warnings?.join(' ')).toContain('history of 24 months');
    expect(forecasts[2].method).toContain('trees');
    const lastYear = nsw.slice(-12).reduce((sum, cells) => sum + Number(cells[4]), 0) / 12;
    for (const f of forecasts) {
      expect(f.points).toHaveLength(12);
      for (const p of f.points) {
        // A series that has never been 0 gets a positive lower bound, and every forecast is in a sane range.
        expect(p.lower).toBeGreaterThan(0);
        expect(p.lower).toBeLessThanOrEqual(p.value);
        expect(p.upper).toBeGreaterThanOrEqual(p.value);
        expect(p.value / lastYear).toBeGreaterThan(0.6);
        expect(p.value / lastYear).toBeLessThan(1.6);
      }
    }

    const empty = await request(service.url).post('/v1/forecast').send({ horizon: 3, series: [{ ...tail(6, 'empty'), history: { start: '2018-01', values: [] } }] }).expect(400);
    expect(empty.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'series[0].history.values' })]));
  });

  it('continues a new product\'s 14-month launch ramp instead of sending it back to last year\'s level', async () => {
    // 5, 6, ..., 18: seasonal naive alone would answer 7, 8, 9 (and did, weighted 0.9, before seasonal drift).
    const ramp = { horizon: 3, series: [{ country: 'NSW', sku: 'NEW-LAUNCH', history: { start: '2023-01', values: Array.from({ length: 14 }, (_, t) => 5 + t) } }] };
    const response = await request(service.url).post('/v1/forecast').send(ramp).expect(200);
    const [forecast] = response.body.forecasts as { method: string; points: { value: number }[] }[];
    expect(forecast.method).toContain('seasonal_drift');
    for (const [h, point] of forecast.points.entries()) {
      expect(point.value).toBeGreaterThan(16 + h);
      expect(point.value).toBeLessThan(22 + h);
    }
  });
});
