/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { RunningService } from '../../../src/bootstrap';
import { ModelManifest } from '../../../src/registry/model-manifest';
import { FIXTURE_REGISTRY, startService, waitForReadiness } from '../../support/app';
import { seasonalValues, series } from '../../support/forecast-bodies';

const manifest = JSON.parse(
  readFileSync(path.join(FIXTURE_REGISTRY, 'demand-forecast', '1', 'manifest.json'), 'utf8'),
) as ModelManifest;

interface Point {
  month: string;
  value: number;
  lower?: number;
  upper?: number;
}
interface Forecast {
  id: string;
  country: string;
  sku: string;
  points: Point[];
  warnings?: string[];
}

jest.setTimeout(60_000);

describe('POST /v1/forecast and GET /v1/model on the fixture registry (production = version 1)', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService();
    expect((await waitForReadiness(service.url)).status).toBe(200);
  });
  afterAll(() => service.close());

  it('forecasts one series: horizon points in the months after the last history month, with the model version', async () => {
    const response = await request(service.url)
      .post('/v1/forecast')
      .send({ horizon: 3, series: [series({ history: { start: '2021-01', values: seasonalValues(30) } })] })
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(response.body.model).toEqual({ name: 'demand-forecast', version: 1 });
    const [forecast] = response.body.forecasts as Forecast[];
    expect(forecast.id).toBe('DE/SKU-A');
    expect(forecast.country).toBe('DE');
    expect(forecast.sku).toBe('SKU-A');
    // 30 months from 2021-01 end in 2023-06.
    expect(forecast.points.map((p) => p.month)).toEqual(['2023-07', '2023-08', '2023-09']);
    expect(forecast.warnings).toBeUndefined();
  });

  it('rolls forecast months over the year end and serves the full horizon of 18', async () => {
    const response = await request(service.url)
      .post('/v1/forecast')
      .send({ horizon: 18, series: [series({ history: { start: '2020-12', values: seasonalValues(36) } })] })
      .expect(200);
    const months = (response.body.forecasts[0] as Forecast).points.map((p) => p.month);
    expect(months).toHaveLength(18);
    expect(months.slice(0, 3)).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(months[17]).toBe('2025-05');
  });

  it('answers many series in request order, echoing given ids and defaulting the others', async () => {
    const body = {
      horizon: 6,
      series: Array.from({ length: 120 }, (_, i) =>
        series({
          id: i % 2 === 0 ? `row-${i}` : undefined,
          country: ['DE', 'FR', 'US'][i % 3],
          sku: `SKU-${'ABC'[Math.floor(i / 3) % 3]}-${i}`,
          history: { start: '2020-01', values: seasonalValues(24 + (i % 7), 50 + i, i) },
        }),
      ),
    };
    const response = await request(service.url).post('/v1/forecast').send(body).expect(200);
    const forecasts = response.body.forecasts as Forecast[];
    expect(forecasts).toHaveLength(120);
    forecasts.forEach((f, i) => {
      expect(f.id).toBe(i % 2 === 0 ? `row-${i}` : `${body.series[i].country}/${body.series[i].sku}`);
      expect(f.points).toHaveLength(6);
    });
  });

  it('gives intervals from the manifest ratios around non-negative values', async () => {
    const response = await request(service.url).post('/v1/forecast').send({ horizon: 18, series: [series()] }).expect(200);
    const points = (response.body.forecasts[0] as Forecast).points;
    points.forEach((p, step) => {
      expect(p.value).toBeGreaterThanOrEqual(0);
      expect(p.lower).toBeCloseTo(p.value * manifest.intervals!.lowerRatio[step], 6);
      expect(p.upper).toBeCloseTo(p.value * manifest.intervals!.upperRatio[step], 6);
      expect(p.lower!).toBeLessThanOrEqual(p.value);
      expect(p.upper!).toBeGreaterThanOrEqual(p.value);
    });
  });

  it('never answers a negative value, even for collapsing demand', async () => {
    const collapsing = [...seasonalValues(24, 500), ...Array.from({ length: 12 }, (_, i) => Math.max(0, 400 - 40 * i))];
    const response = await request(service.url)
      .post('/v1/forecast')
      .send({ horizon: 18, series: [series({ history: { start: '2020-01', values: collapsing } })] })
      .expect(200);
    for (const p of (response.body.forecasts[0] as Forecast).points) expect(p.value).toBeGreaterThanOrEqual(0);
  });

  it('reproduces every golden example of the manifest over HTTP', async () => {
    for (const example of manifest.golden) {
      const response = await request(service.url).post('/v1/forecast').send(example.request).expect(200);
      const forecasts = response.body.forecasts as Forecast[];
      example.expected.forEach((steps, i) =>
        steps.forEach((expected, h) => {
          const allowed = Math.max(example.tolerance.absolute, example.tolerance.relative * Math.abs(expected));
          expect(Math.abs(forecasts[i].points[h].value - expected)).toBeLessThanOrEqual(allowed);
        }),
      );
    }
  });

  it('warns about an all-zero history and about a country and SKU the model never saw', async () => {
    const response = await request(service.url)
      .post('/v1/forecast')
      .send({
        horizon: 2,
        series: [
          series({ id: 'zeros', history: { start: '2021-01', values: new Array(24).fill(0) } }),
          series({ id: 'new', country: 'XX', sku: 'SKU-NEW' }),
          series({ id: 'known' }),
        ],
      })
      .expect(200);
    const [zeros, unknown, known] = response.body.forecasts as Forecast[];
    expect(zeros.warnings).toEqual(['history is all zeros: the forecast has no demand signal to follow']);
    expect(zeros.points.every((p) => p.value >= 0)).toBe(true);
    expect(unknown.warnings).toEqual([
      'country "XX" was not seen in training: the model treats it as unknown',
      'sku "SKU-NEW" was not seen in training: the model treats it as unknown',
    ]);
    expect(known.warnings).toBeUndefined();
  });

  it('scores a series the same alone and inside a batch', async () => {
    const target = series({ id: 'target', history: { start: '2019-05', values: seasonalValues(40, 80, 3) } });
    const alone = await request(service.url).post('/v1/forecast').send({ horizon: 12, series: [target] }).expect(200);
    const others = Array.from({ length: 30 }, (_, i) => series({ id: `o${i}`, history: { start: '2020-01', values: seasonalValues(30, 10 + i, i) } }));
    const batched = await request(service.url)
      .post('/v1/forecast')
      .send({ horizon: 12, series: [...others.slice(0, 15), target, ...others.slice(15)] })
      .expect(200);
    expect((batched.body.forecasts as Forecast[])[15]).toEqual((alone.body.forecasts as Forecast[])[0]);
  });

  it('describes the served model on GET /v1/model', async () => {
    const response = await request(service.url).get('/v1/model').expect(200);
    expect(response.body).toEqual({
      name: 'demand-forecast',
      version: 1,
      sha256: manifest.artifact.sha256,
      createdAt: manifest.createdAt,
      metrics: manifest.metrics,
      metricDirections: manifest.metricDirections,
      features: manifest.features,
      maxHorizon: 18,
      minHistory: manifest.features.minHistory,
      intervals: { coverage: manifest.intervals!.coverage },
    });
  });
});
