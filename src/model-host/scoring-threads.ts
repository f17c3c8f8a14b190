import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import Piscina from 'piscina';
import { SessionOptions } from '../inference/onnx-model';
import { ForecastInput } from '../prediction/forecast-input';
import { PipelineResult } from '../prediction/forecast-pipeline';
import { ModelManifest } from '../registry/model-manifest';
import { estimatedScoringMs } from '../prediction/scoring-cost';
import { concatPipelineResults, SLICE_SCORING_MS, splitByCost } from '../prediction/split-pipeline';
import { ForecastCancelledError } from '../prediction/forecast-cancelled.error';
import { Forecaster } from '../prediction/forecaster';
import type { ScoringWorkerData } from './scoring-worker';
import { ModelNotReadyError } from './model-host.errors';

export const SCORING_WORKER_FILE = path.join(__dirname, 'scoring-worker.js');

/**
 * A request estimated to score longer than this is cut into slices (split-pipeline.ts), at least one per thread,
 * scored side by side: a maximal body of new series, seconds of request-time fits, then answers in about
 * 1/threads of the time. Below it the extra round trips and the merge are not worth it.
 */
const SPLIT_ABOVE_MS = 100;

/**
 * Scores `slices` in order, at most `lanes` at a time, starting none once `cancel` is aborted or a slice failed.
 * Hand-written (15 lines) rather than p-limit: the stop on cancellation is the point, and it is one check per slice.
 */
export async function scoreInTurn(slices: ForecastInput[], lanes: number, score: (slice: ForecastInput) => Promise<PipelineResult>, cancel?: AbortSignal): Promise<PipelineResult[]> {
  const results: PipelineResult[] = new Array(slices.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (next < slices.length && !failed) {
      if (cancel?.aborted) throw new ForecastCancelledError();
      const k = next++;
      results[k] = await score(slices[k]).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, slices.length) }, lane));
  return results;
}

/** How the scoring pool runs `filename` on `threads` threads. */
export function scoringPoolOptions(filename: string, threads: number, workerData: unknown): ConstructorParameters<typeof Piscina>[0] {
  return {
    filename,
    minThreads: threads,
    maxThreads: threads,
    // A thread holds a loaded session: it must not exit when idle and pay the load again on the next request.
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData,
    // The main thread's heap cap (--max-old-space-size, set by the image) caps each scoring thread's heap too.
    resourceLimits: { maxOldGenerationSizeMb: Math.floor(getHeapStatistics().heap_size_limit / 1024 / 1024) },
    // First come, first scored. By default, each time a thread frees, piscina moves the task second in its queue to
    // the back, so a request's next slice waiting there was overtaken by every other request's for as long as
    // they kept coming: under overload one admitted request was answered after 11 s, the rest within 1.5 s.
    stricterFIFO: true,
  };
}

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
  const pool = new Piscina<ForecastInput, PipelineResult>(scoringPoolOptions(SCORING_WORKER_FILE, threads, workerData));
  let closing = false;
  // A task aborted by the close below is work of a client that left, not a failure: answered (to nobody) as the
  // 503 a request gets once shutdown has begun, instead of an unexpected AbortError logged with its stack.
  const shuttingDown = () => new ModelNotReadyError('the service is shutting down', { name: manifest.name, version: manifest.version });
  const score = (slice: ForecastInput) => pool.run(slice) as Promise<PipelineResult>;
  const run = (input: ForecastInput, cancel?: AbortSignal): Promise<PipelineResult> => {
    const ms = estimatedScoringMs(input, manifest);
    if (ms <= SPLIT_ABOVE_MS) return score(input);
    const slices = splitByCost(input, manifest, Math.max(threads, Math.ceil(ms / SLICE_SCORING_MS)));
    return scoreInTurn(slices, threads, score, cancel).then(concatPipelineResults);
  };
  return {
    forecast: (input, cancel) =>
      closing
        ? Promise.reject(shuttingDown())
        : run(input, cancel).catch((error: unknown) => {
            throw closing ? shuttingDown() : error;
          }),
    // By then the HTTP server has answered every request it kept; what is still queued is for clients that left.
    release: () => {
      closing = true;
      return pool.close({ force: true });
    },
  };
}
