import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { predictTreeEnsemble, TreeEnsemble } from '../training/gbdt/tree-ensemble';
import { syntheticSeries } from './bench-bodies';
import { LAG_FEATURE_COUNT, lagForecastRows } from './lag-features';
import { LagReferenceMeta, trainLagReference } from './lag-reference-model';
import { buildLagReferenceApp, LagReferenceApp } from './lag-reference-server';

const HORIZON = 6;
const GBDT = { trees: 20, learningRate: 0.3, maxDepth: 4, minSamplesLeaf: 5, l2: 1, rowSubsample: 1, colSubsample: 1, bins: 64, seed: 7 };

describe('lag reference (trained model, real onnxruntime, the Fastify app)', () => {
  let folder: string;
  let reference: LagReferenceApp;
  let ensemble: TreeEnsemble;
  let meta: LagReferenceMeta;
  const panel = syntheticSeries(12, 60);
  // The last HORIZON months of each series are held out; the server forecasts them from the months before.
  const body = { horizon: HORIZON, series: panel.map((s) => ({ ...s, history: { start: s.history.start, values: s.history.values.slice(0, -HORIZON) } })) };

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'lag-reference-spec-'));
    ({ ensemble, meta } = await trainLagReference(body.series.map((s) => s.history.values), HORIZON, 24, GBDT, folder));
    reference = await buildLagReferenceApp(folder);
  });

  afterAll(async () => {
    await reference?.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('trains the asked trees and keeps 1 inside every step interval', () => {
    expect(meta).toMatchObject({ maxHorizon: HORIZON, trees: 20, trainingRows: 12 * 24 * HORIZON });
    expect(meta.lowerRatio.every((r, h) => r <= 1 && r > 0 && meta.upperRatio[h] >= 1)).toBe(true);
  });

  it('answers every series with the trees of the ONNX file, in the service response shape, months after each history', async () => {
    const response = await reference.app.inject({ method: 'POST', url: '/v1/forecast', payload: body });
    expect(response.statusCode).toBe(200);
    const json = response.json<{ model: { name: string }; forecasts: { id: string; method: string; points: { month: string; value: number; lower: number; upper: number }[] }[] }>();
    expect(json.model.name).toBe('lag-reference');
    expect(json.forecasts.map((f) => f.id)).toEqual(panel.map((s) => s.id));
    const rows = lagForecastRows(body.series.map((s) => s.history.values), HORIZON);
    const trees = predictTreeEnsemble(ensemble, rows.data, rows.rowCount, LAG_FEATURE_COUNT);
    json.forecasts.forEach((forecast, i) => {
      expect(forecast.method).toBe('lag-trees');
      expect(forecast.points.map((p) => p.month)).toEqual(['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12']);
      forecast.points.forEach((p, h) => {
        expect(p.value).toBeCloseTo(Math.max(0, trees[i * HORIZON + h]) * rows.scales[i], 3);
        expect(p.lower).toBeLessThanOrEqual(p.value);
        expect(p.upper).toBeGreaterThanOrEqual(p.value);
      });
    });
  });

  it('forecasts held-out months of seasonal series better than repeating the last value', async () => {
    const json = (await reference.app.inject({ method: 'POST', url: '/v1/forecast', payload: body })).json<{ forecasts: { points: { value: number }[] }[] }>();
    let lagError = 0;
    let naiveError = 0;
    panel.forEach((s, i) => {
      const actual = s.history.values.slice(-HORIZON);
      const last = s.history.values[s.history.values.length - HORIZON - 1];
      actual.forEach((a, h) => {
        lagError += Math.abs(a - json.forecasts[i].points[h].value);
        naiveError += Math.abs(a - last);
      });
    });
    expect(lagError).toBeLessThan(naiveError);
  });

  it.each([
    ['a horizon above what it was trained for', { horizon: HORIZON + 1, series: body.series }],
    ['no series', { horizon: 1, series: [] }],
    ['no body', undefined],
  ])('refuses %s with 400', async (_, payload) => {
    const response = await reference.app.inject({ method: 'POST', url: '/v1/forecast', payload: payload as object });
    expect(response.statusCode).toBe(400);
  });
});
