import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { checkGoldenExamples } from '../../../src/prediction/golden-check';
import { runForecastPipeline } from '../../../src/prediction/forecast-pipeline';
import { ModelManifest } from '../../../src/registry/model-manifest';
import { validateManifest } from '../../../src/registry/validate-manifest';
import { runTraining } from '../../../src/training/train-pipeline';
import { quietProgress, sliceOptions, writeSlice } from './training-slice';

let folder: string;
let dataPath: string;
let registryUrl: string;

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'train-e2e-'));
  dataPath = await writeSlice(folder);
  registryUrl = `file:${path.join(folder, 'registry')}`;
});
afterAll(() => fs.rm(folder, { recursive: true, force: true }));

async function stored(version: number): Promise<{ manifest: ModelManifest; onnx: Buffer }> {
  const dir = path.join(folder, 'registry', 'demand-forecast', String(version));
  return {
    manifest: validateManifest(JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')), `version ${version}`),
    onnx: await fs.readFile(path.join(dir, 'model.onnx')),
  };
}

describe('npm run train on a small slice', () => {
  it('registers a version whose manifest validates and whose ONNX model reproduces the golden examples', async () => {
    const reportPath = path.join(folder, 'report.md');
    const result = await runTraining(sliceOptions(dataPath, registryUrl, { promote: 'production', reportPath }), quietProgress);
    expect(result.manifest.version).toBe(1);
    expect(result.promotion).toMatchObject({ promoted: true, reason: 'no version holds production yet' });
    expect(JSON.parse(await fs.readFile(path.join(folder, 'registry/demand-forecast/aliases.json'), 'utf8'))).toEqual({ production: 1 });

    const { manifest, onnx } = await stored(1);
    expect(manifest.artifact.sha256).toBe(createHash('sha256').update(onnx).digest('hex'));
    expect(manifest.data).toMatchObject({ series: 4, start: '2009-01', end: '2018-12' });
    expect(manifest.metrics).toEqual(expect.objectContaining({ wape: expect.any(Number), hw_wape: expect.any(Number), snaive_wape: expect.any(Number), backtest_wape: expect.any(Number) }));
    expect(manifest.drift?.features.map((f) => f.name)).toEqual(manifest.features.names);
    const ensemble = manifest.ensemble!;
    expect(ensemble.minTreeHistory).toBe(manifest.features.minHistory);
    expect(Object.keys(ensemble.series).sort()).toEqual(['ACT/clothing', 'NSW/food', 'VIC/food', 'WA/liquor']);
    expect(ensemble.combinations.length).toBeGreaterThan(0);
    for (const entry of ensemble.combinations) expect(Object.values(entry.weights).reduce((a, b) => a! + b!, 0)).toBeCloseTo(1, 9);
    expect(ensemble.intervals.map((e) => e.space)).toContain('log');
    expect(manifest.golden.map((g) => g.name)).toEqual(['largest-series-full-horizon', 'two-series-batch', 'short-and-unseen-histories']);
    expect(manifest.golden[2].request.series.map((s) => s.history.values.length)).toEqual([6, 24, manifest.features.minHistory]);

    // The service's own golden check, scoring with onnxruntime: what registered is what will serve.
    const session = await ort.InferenceSession.create(onnx);
    try {
      await checkGoldenExamples(manifest, (input) =>
        runForecastPipeline(input, manifest, async (data, rows, columns) => {
          const output = await session.run({ [manifest.io.input.name]: new ort.Tensor('float32', data, [rows, columns]) });
          return output[manifest.io.output.name].data as Float32Array;
        }),
      );
    } finally {
      await session.release();
    }
    const report = await fs.readFile(reportPath, 'utf8');
    expect(report).toContain('## Holdout: the last 18 months of every series');
    expect(report).toMatch(/Nominal 80% interval: \d+\.\d+% of \d+ actuals inside/);
    expect(report).toContain('### Combination weights');
    expect((await fs.readdir(path.join(folder, 'report'))).sort()).toEqual(['example-1.svg', 'example-2.svg', 'example-3.svg', 'wape-by-horizon.svg']);
  });

  it('gives the same model bytes for the same seed and data, as a new version', async () => {
    const second = await runTraining(sliceOptions(dataPath, registryUrl), quietProgress);
    expect(second.manifest.version).toBe(2);
    const [first, again] = [await stored(1), await stored(2)];
    expect(again.manifest.artifact.sha256).toBe(first.manifest.artifact.sha256);
    expect(again.onnx.equals(first.onnx)).toBe(true);
  });

  it('stops on malformed rows with their line numbers unless told to drop them', async () => {
    const broken = path.join(folder, 'broken.csv');
    const text = await fs.readFile(dataPath, 'utf8');
    const lines = text.trim().split('\n');
    lines.splice(5, 0, 'NSW,food,food,2018-13,1', 'NSW,food,food,2018-12,-1');
    await fs.writeFile(broken, lines.join('\n') + '\n');
    await expect(runTraining(sliceOptions(broken, registryUrl), quietProgress)).rejects.toThrow(/line 6: month "2018-13"[\s\S]*line 7: quantity -1 is negative/);
    const dropped = await runTraining(sliceOptions(broken, registryUrl, { dropInvalid: true }), quietProgress);
    expect(dropped.manifest.training).toMatchObject({ dropped: 2 });
  });
});
