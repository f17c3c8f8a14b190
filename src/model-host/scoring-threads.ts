import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import Piscina from 'piscina';
import { SessionOptions } from '../inference/onnx-model';
import { ForecastInput } from '../prediction/forecast-input';
import { PipelineResult } from '../prediction/forecast-pipeline';
import { ModelManifest } from '../registry/model-manifest';
import { estimatedScoringMs } from '../prediction/scoring-cost';
import { concatPipelineResults, splitByCost } from '../prediction/split-pipeline';
import { Forecaster } from '../prediction/forecaster';
import type { ScoringWorkerData } from './scoring-worker';
import { ModelNotReadyError } from './model-host.errors';

export const SCORING_WORKER_FILE = path.join(__dirname, 'scoring-worker.js');

/**
 * A request estimated to score longer than this is cut into one slice per thread, scored side by side: a maximal
 * body of new series, seconds of request-time fits, then answers in about 1/threads of the time. Below it the
 * extra round trips and the merge are not worth it.
 */
const SPLIT_ABOVE_MS = 100;

/**
 * The pipeline on `threads` worker threads (piscina), each with its own session of the verified version: the event
 * loop keeps parsing, answering probes and serialising while a batch is scored, and feature building, trees and
 * the combination of one request run beside the HTTP work of the next. onnxruntime-node runs a session
 * synchronously on the thread that calls it, so on the main thread a 1,000-series body would stall the loop.
 */
export function startScoringThreads(manifest: ModelManifest, modelPath: string, session: SessionOptions, threads: number): Forecaster {
  if (!existsSync(SCORING_WORKER_FILE)) {
    // Run from TypeScript sources (ts-node, jest): a worker thread loads compiled JavaScript only.
    throw new Error(`scoring threads need the compiled service (${path.basename(SCORING_WORKER_FILE)} is missing): build it, or set SCORING_THREADS=0`);
  }
  const workerData: ScoringWorkerData = { manifest, modelPath, session };
  const pool = new Piscina<ForecastInput, PipelineResult>({
    filename: SCORING_WORKER_FILE,
    minThreads: threads,
    maxThreads: threads,
    // A thread holds a loaded session: it must not exit when idle and pay the load again on the next request.
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData,
    // The main thread's heap cap (--max-old-space-size, set by the image) caps each scoring thread's heap too.
    resourceLimits: { maxOldGenerationSizeMb: Math.floor(getHeapStatistics().heap_size_limit / 1024 / 1024) },
  });
  let closing = false;
  // A task aborted by the close below is work of a client that left, not a failure: answered (to nobody) as the
  // 503 a request gets once shutdown has begun, instead of an unexpected AbortError logged with its stack.
  const shuttingDown = () => new ModelNotReadyError('the service is shutting down', { name: manifest.name, version: manifest.version });
  const run = (input: ForecastInput): Promise<PipelineResult> => {
    if (threads < 2 || estimatedScoringMs(input, manifest) <= SPLIT_ABOVE_MS) return pool.run(input);
    return Promise.all(splitByCost(input, manifest, threads).map((slice) => pool.run(slice))).then(concatPipelineResults);
  };
  return {
    forecast: (input) =>
      closing
        ? Promise.reject(shuttingDown())
        : run(input).catch((error: unknown) => {
            throw closing ? shuttingDown() : error;
          }),
    // By then the HTTP server has answered every request it kept; what is still queued is for clients that left.
    release: () => {
      closing = true;
      return pool.close({ force: true });
    },
  };
}
