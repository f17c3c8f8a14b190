import { move, transferableSymbol, valueSymbol } from 'piscina';
import { workerData } from 'node:worker_threads';
import { OnnxModel, SessionOptions } from '../inference/onnx-model';
import { ForecastInput } from '../prediction/forecast-input';
import { PipelineResult } from '../prediction/forecast-pipeline';
import { inProcessForecaster } from '../prediction/forecaster';
import { checkGoldenExamples } from '../prediction/golden-check';
import { ModelManifest } from '../registry/model-manifest';

/** What every scoring thread is started with (cloned into each). */
export interface ScoringWorkerData {
  manifest: ModelManifest;
  modelPath: string;
  session: SessionOptions;
}

/** The result with its typed arrays listed for transfer (piscina's Transferable): they cross threads uncopied. */
function transferable(result: PipelineResult): object {
  // onnxruntime's output may view memory it still owns; a copy of it is what may travel.
  const value: PipelineResult = { ...result, predictions: result.predictions.slice() };
  const { forecasts, rows, predictions } = value;
  const buffers = new Set<ArrayBufferLike>([forecasts.values.buffer, forecasts.firstMonths.buffer, rows.data.buffer, predictions.buffer]);
  if (forecasts.lower) buffers.add(forecasts.lower.buffer);
  if (forecasts.upper) buffers.add(forecasts.upper.buffer);
  return move({ [transferableSymbol]: [...buffers], [valueSymbol]: value } as never);
}

/**
 * A scoring thread: loads its own session of the version the host verified, checks the golden examples on it
 * (each thread serves only a model it verified itself), then answers requests with the pipeline. Started by
 * piscina (scoring-threads.ts) by file name; the export is the task function, after the asynchronous load.
 */
async function start(): Promise<(input: ForecastInput) => Promise<object>> {
  const { manifest, modelPath, session } = workerData as ScoringWorkerData;
  const { forecast } = inProcessForecaster(manifest, await OnnxModel.load(modelPath, manifest.io, session));
  await checkGoldenExamples(manifest, forecast);
  return async (input) => transferable(await forecast(input));
}

module.exports = start();
