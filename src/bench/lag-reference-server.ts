import Fastify, { FastifyInstance } from 'fastify';
import { promises as fs } from 'node:fs';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { formatMonth, parseMonth } from '../features/month';
import { ForecastBody } from './bench-bodies';
import { serveBenchChild } from './bench-child';
import { LAG_FEATURE_COUNT, lagForecastRows } from './lag-features';
import { LAG_META_FILE, LAG_MODEL_FILE, LagReferenceMeta } from './lag-reference-model';

// The yardstick of issue 9's serving floor: the least a tree-model forecast server does. Lag features only,
// one ONNX run over all N×H rows, ratio intervals, the service's response shape; no validation beyond the
// minimum, no per-series models, no monitoring.

export interface LagReferenceApp {
  app: FastifyInstance;
  close: () => Promise<void>;
}

export async function buildLagReferenceApp(folder: string): Promise<LagReferenceApp> {
  const meta = JSON.parse(await fs.readFile(path.join(folder, LAG_META_FILE), 'utf8')) as LagReferenceMeta;
  const session = await ort.InferenceSession.create(path.join(folder, LAG_MODEL_FILE), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: Number(process.env.ORT_INTRA_OP_THREADS ?? 1),
    interOpNumThreads: Number(process.env.ORT_INTER_OP_THREADS ?? 1),
  });
  const [input] = session.inputNames;
  const [output] = session.outputNames;

  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
  app.get('/health/ready', async () => ({ status: 'ready' }));
  app.post<{ Body: ForecastBody }>('/v1/forecast', async (request, reply) => {
    const { horizon, series } = request.body ?? {};
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > meta.maxHorizon || !Array.isArray(series) || series.length === 0) {
      return reply.code(400).send({ error: 'bad request' });
    }
    const rows = lagForecastRows(series.map((s) => s.history.values), horizon);
    const tensor = new ort.Tensor('float32', rows.data, [rows.rowCount, LAG_FEATURE_COUNT]);
    const predictions = (await session.run({ [input]: tensor }, [output]))[output].data as Float32Array;
    const forecasts = series.map((s, i) => {
      const first = parseMonth(s.history.start) + s.history.values.length;
      const points = [];
      for (let h = 0; h < horizon; h++) {
        const value = Math.max(0, predictions[i * horizon + h] * rows.scales[i]);
        const lower = value * meta.lowerRatio[h];
        points.push({ month: formatMonth(first + h), value, lower, upper: Math.max(lower, value * meta.upperRatio[h]) });
      }
      return { id: s.id ?? `${s.country}/${s.sku}`, country: s.country, sku: s.sku, points, method: 'lag-trees' };
    });
    return { model: { name: meta.name, version: 1 }, forecasts };
  });
  return {
    app,
    close: async () => {
      await app.close();
      await session.release();
    },
  };
}

async function main(): Promise<void> {
  const { app, close } = await buildLagReferenceApp(process.env.LAG_REFERENCE_DIR!);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  serveBenchChild(`http://127.0.0.1:${port}`, close);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
