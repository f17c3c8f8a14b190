import { SpanStatusCode, trace } from '@opentelemetry/api';
import { node, tracing } from '@opentelemetry/sdk-node';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { OnnxModel } from '../inference/onnx-model';
import { ModelHost } from '../model-host/model-host.service';
import { NoopForecastObserver } from '../monitoring/noop-forecast-observer';
import { inProcessForecaster } from '../prediction/forecaster';
import { ModelManifest } from '../registry/model-manifest';
import { ForecastingService } from './forecasting.service';

const folder = path.resolve('test/fixtures/registry/demand-forecast/1');
const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as ModelManifest;
const input = { horizon: 6, series: manifest.golden[0].request.series.slice(0, 2) };

describe('ForecastingService spans', () => {
  const exporter = new tracing.InMemorySpanExporter();
  const provider = new node.NodeTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(exporter)] });
  let onnx: OnnxModel;

  beforeAll(async () => {
    provider.register(); // also the async-hooks context manager, as the SDK registers in production
    onnx = await OnnxModel.load(path.join(folder, 'model.onnx'), manifest.io, { intraOpThreads: 1, interOpThreads: 1 });
  });
  afterAll(async () => {
    await onnx.release();
    await provider.shutdown();
    trace.disable();
  });
  afterEach(() => exporter.reset());

  const service = (run: OnnxModel['run']): ForecastingService => {
    const forecaster = inProcessForecaster(manifest, { run } as OnnxModel);
    const host = { current: () => ({ manifest, forecaster }) } as unknown as ModelHost;
    return new ForecastingService(host, { maxSeriesPerRequest: 100 } as AppConfig, new NoopForecastObserver());
  };
  const tracer = () => trace.getTracer('test');

  it('traces preprocess, inference and postprocess in order under a forecast span, with the model', async () => {
    const forecasts = await tracer().startActiveSpan('POST /v1/forecast', async (request) => {
      const result = await service((data, rows, columns) => onnx.run(data, rows, columns)).forecast(input);
      request.end();
      return result.series;
    });
    expect(forecasts).toHaveLength(2);
    const spans = new Map(exporter.getFinishedSpans().map((s) => [s.name, s]));
    expect([...spans.keys()].sort()).toEqual(['POST /v1/forecast', 'forecast', 'forecast.inference', 'forecast.postprocess', 'forecast.preprocess']);
    const parent = (name: string) => spans.get(name)!.parentSpanContext?.spanId;
    expect(parent('forecast')).toBe(spans.get('POST /v1/forecast')!.spanContext().spanId);
    const forecastId = spans.get('forecast')!.spanContext().spanId;
    for (const stage of ['forecast.preprocess', 'forecast.inference', 'forecast.postprocess']) {
      expect(parent(stage)).toBe(forecastId);
      expect(spans.get(stage)!.attributes).toMatchObject({ 'model.name': 'demand-forecast', 'model.version': 1 });
    }
    // The SDK anchors a span's start on Date.now(), so start times are whole milliseconds: order within 1 ms.
    const ns = (t: [number, number]) => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
    const ms = 1_000_000n;
    expect(ns(spans.get('forecast.preprocess')!.endTime)).toBeLessThanOrEqual(ns(spans.get('forecast.inference')!.startTime) + ms);
    expect(ns(spans.get('forecast.inference')!.endTime)).toBeLessThanOrEqual(ns(spans.get('forecast.postprocess')!.startTime) + ms);
    expect(ns(spans.get('forecast.preprocess')!.startTime)).toBeLessThanOrEqual(ns(spans.get('forecast.postprocess')!.startTime));
  });

  it('marks the forecast span as an error when the pipeline fails, and records no stage it did not finish', async () => {
    const failing = service(() => Promise.reject(new Error('session gone')));
    await tracer().startActiveSpan('request', async (request) => {
      await expect(failing.forecast(input)).rejects.toThrow('session gone');
      request.end();
    });
    const spans = new Map(exporter.getFinishedSpans().map((s) => [s.name, s]));
    // The stages ran where the pipeline runs (a scoring thread) and come back timed only with a result.
    expect(spans.get('forecast')!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'session gone' });
    expect([...spans.keys()].sort()).toEqual(['forecast', 'request']);
  });

  it('creates no span for a request outside a recording span', async () => {
    await service((data, rows, columns) => onnx.run(data, rows, columns)).forecast(input);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
