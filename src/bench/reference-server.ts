import Fastify from 'fastify';
import { promises as fs } from 'node:fs';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { buildForecastMatrix } from '../features/feature-builder';
import { formatMonth, parseMonth } from '../features/month';
import { ModelManifest } from '../registry/model-manifest';
import { BenchSeries } from './bench-bodies';
import { serveBenchChild } from './bench-child';

// The benchmark's yardstick: what a hand-written server does with the same model and the same feature code,
// no framework, no validation beyond the minimum, no monitoring, one ONNX run per series.

interface Body {
  horizon: number;
  series: BenchSeries[];
}

async function main(): Promise<void> {
  const modelDir = process.env.REFERENCE_MODEL_DIR!;
  const manifest = JSON.parse(await fs.readFile(path.join(modelDir, 'manifest.json'), 'utf8')) as ModelManifest;
  const session = await ort.InferenceSession.create(path.join(modelDir, 'model.onnx'), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: Number(process.env.ORT_INTRA_OP_THREADS ?? 1),
    interOpNumThreads: Number(process.env.ORT_INTER_OP_THREADS ?? 1),
  });
  const { input, output } = manifest.io;
  const intervals = manifest.intervals;

  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
  app.get('/health/ready', async () => ({ status: 'ready' }));
  app.post<{ Body: Body }>('/v1/forecast', async (request, reply) => {
    const { horizon, series } = request.body;
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > manifest.maxHorizon || !Array.isArray(series)) {
      return reply.code(400).send({ error: 'bad request' });
    }
    const forecasts = [];
    for (const s of series) {
      const start = parseMonth(s.history.start);
      const history = { country: s.country, sku: s.sku, attributes: s.attributes, start, values: s.history.values };
      const matrix = buildForecastMatrix([history], horizon, manifest.features);
      const tensor = new ort.Tensor('float32', matrix.data, [matrix.rowCount, matrix.columnCount]);
      const result = await session.run({ [input.name]: tensor }, [output.name]);
      const predictions = result[output.name].data as Float32Array;
      const scale = matrix.profiles[0].scale;
      const first = start + s.history.values.length;
      const points = [];
      for (let step = 1; step <= horizon; step++) {
        const value = Math.max(0, predictions[step - 1] * scale);
        const point: { month: string; value: number; lower?: number; upper?: number } = { month: formatMonth(first + step - 1), value };
        if (intervals) {
          point.lower = Math.max(0, value * intervals.lowerRatio[step - 1]);
          point.upper = Math.max(point.lower, value * intervals.upperRatio[step - 1]);
        }
        points.push(point);
      }
      forecasts.push({ id: s.id, country: s.country, sku: s.sku, points });
    }
    return { model: { name: manifest.name, version: manifest.version }, forecasts };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  serveBenchChild(`http://127.0.0.1:${port}`, async () => {
    await app.close();
    await session.release();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
