/**
 * @jest-environment ./test/fixtures/onnxruntime-jest-environment.js
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OnnxModel } from '../inference/onnx-model';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastInput, SeriesInput } from './forecast-input';
import { FORECAST_STAGES, PipelineResult, runForecastPipeline } from './forecast-pipeline';
import { estimatedScoringMs } from './scoring-cost';
import { concatPipelineResults, splitByCost } from './split-pipeline';

// The embedded model: trees, per-series models shipped for the training series, and request-time fits for others.
const folder = path.resolve('registry/demand-forecast/1');
const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as ModelManifest;
const trained = manifest.golden.flatMap((g) => g.request.series);
const seasonal = (months: number, level: number) => Array.from({ length: months }, (_, t) => Math.round(level * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12))));
const unseen = (i: number, months: number): SeriesInput => ({ id: `new-${i}`, country: 'ZZ', sku: `NEW-${i}`, history: { start: '2018-01', values: seasonal(months, 40 + i) } });
const mixed: ForecastInput = {
  horizon: 12,
  series: [
    ...trained,
    unseen(1, 60),
    unseen(2, 7), // too short for the trees
    { ...unseen(3, 36), history: { start: '2020-01', values: seasonal(36, 9).map((v, t) => (t % 3 === 0 ? v : 0)) } }, // intermittent
    unseen(4, 120),
    ...trained.map((s, i) => ({ ...s, id: `again-${i}` })),
  ],
};

describe('splitByCost', () => {
  it('cuts the series into consecutive, non-empty slices that together are the request, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 130 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (lengths, parts) => {
        const input: ForecastInput = { horizon: 6, series: lengths.map((months, i) => (i % 3 === 0 ? trained[i % trained.length] : unseen(i, months))) };
        const slices = splitByCost(input, manifest, parts);
        expect(slices.length).toBe(Math.min(parts, lengths.length));
        expect(slices.every((s) => s.series.length > 0 && s.horizon === 6)).toBe(true);
        expect(slices.flatMap((s) => s.series)).toEqual(input.series);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('gives each slice about an equal share of the estimated cost', () => {
    const input: ForecastInput = { horizon: 18, series: Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? unseen(i, 60) : trained[i % trained.length])) };
    const costs = splitByCost(input, manifest, 2).map((slice) => estimatedScoringMs(slice, manifest));
    expect(Math.abs(costs[0] - costs[1]) / (costs[0] + costs[1])).toBeLessThan(0.01);
  });
});

describe('concatPipelineResults', () => {
  let onnx: OnnxModel;
  beforeAll(async () => {
    onnx = await OnnxModel.load(path.join(folder, 'model.onnx'), manifest.io, { intraOpThreads: 1, interOpThreads: 1 });
  });
  afterAll(() => onnx.release());
  const run = (input: ForecastInput) => runForecastPipeline(input, manifest, (data, rows, columns) => onnx.run(data, rows, columns));

  it.each([2, 3, 5])('puts the results of %i slices back together as the result of the whole request', async (parts) => {
    const whole = await run(mixed);
    const slices = splitByCost(mixed, manifest, parts);
    expect(slices.length).toBe(parts);
    const merged = concatPipelineResults(await Promise.all(slices.map(run)));
    expect(merged.forecasts).toEqual(whole.forecasts);
    expect(merged.methods).toEqual(whole.methods);
    expect(merged.predictions).toEqual(whole.predictions);
    expect({ ...merged.rows, data: merged.rows.data.subarray(0, merged.rows.rowCount * merged.rows.columnCount) }).toEqual({
      ...whole.rows,
      data: whole.rows.data.subarray(0, whole.rows.rowCount * whole.rows.columnCount),
    });
    expect(merged.stages.map((s) => s.stage)).toEqual(['preprocess', 'inference', 'postprocess']);
  });

  it('spans each stage from the first slice to start it to the last slice to end it', () => {
    const slice = (timings: Array<[number, number]>): PipelineResult => ({
      forecasts: { horizon: 1, firstMonths: new Int32Array(0), values: new Float64Array(0) },
      rows: { data: new Float32Array(0), rowCount: 0, columnCount: 3 },
      predictions: new Float32Array(0),
      stages: timings.map(([startedAtMs, seconds], k) => ({ stage: FORECAST_STAGES[k], startedAtMs, seconds })),
    });
    const merged = concatPipelineResults([
      slice([[1000, 0.5], [1500, 0.1], [1600, 0.2]]),
      slice([[1010, 0.8], [1810, 0.1], [1910, 0.1]]),
    ]);
    expect(merged.stages).toEqual([
      { stage: 'preprocess', startedAtMs: 1000, seconds: 0.81 },
      { stage: 'inference', startedAtMs: 1500, seconds: 0.41 },
      { stage: 'postprocess', startedAtMs: 1600, seconds: 0.41 },
    ]);
  });
});
