import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OnnxModel } from '../inference/onnx-model';
import { ForecastObserver } from '../monitoring/forecast-observer';
import { ModelManifest } from '../registry/model-manifest';
import { fetchModel } from '../registry/model-fetcher';
import { ModelRegistry } from '../registry/model-registry';
import { resolveModelVersion } from '../registry/model-resolver';
import { retryWithBackoff } from '../registry/retry';
import { checkGoldenExamples } from '../prediction/golden-check';
import { Forecaster, inProcessForecaster } from '../prediction/forecaster';
import { classifyLoadFailure } from './load-failure';
import { admissionWeight, routedForecaster } from './routed-forecaster';
import { startScoringThreads } from './scoring-threads';
import { ModelNotReadyError } from './model-host.errors';

export type HostState = 'loading' | 'ready' | 'failed' | 'stopping';

export interface HostStatus {
  state: HostState;
  /** Why the host is not ready; absent when ready. */
  reason?: string;
  model: { name: string; version?: number };
}

/** A verified, warmed-up model version that can answer. */
export interface ServedModel {
  manifest: ModelManifest;
  forecaster: Forecaster;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Owns the one served model: resolves MODEL_VERSION once, fetches and verifies it, loads the session and
 * checks the golden examples, all in the background so /health/live answers from the first moment. Reports
 * ready only after all of that; a refused version stays refused for the life of the process.
 */
@Injectable()
export class ModelHost implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ModelHost.name);
  private readonly abort = new AbortController();
  private state: HostState = 'loading';
  private reason = 'the model is loading';
  private version?: number;
  private served?: ServedModel;
  private loading?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: ModelRegistry,
    private readonly observer: ForecastObserver,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the HTTP server must start (and answer liveness) while the model loads.
    this.loading = this.load();
  }

  /** Resolves once the first load attempt series has ended (ready, refused or aborted); for tests and tools. */
  whenSettled(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }

  status(): HostStatus {
    const model = { name: this.config.modelName, ...(this.version !== undefined ? { version: this.version } : {}) };
    return this.state === 'ready' ? { state: 'ready', model } : { state: this.state, reason: this.reason, model };
  }

  /** The served model, or ModelNotReadyError (503) naming why not. Still answers while draining for shutdown. */
  current(): ServedModel {
    if (!this.served) {
      throw new ModelNotReadyError(this.reason, this.status().model);
    }
    return this.served;
  }

  /**
   * Estimated milliseconds of queued scoring a parsed, not yet validated body would add (routed-forecaster.ts);
   * while no version is served, every series as a shipped one (such a request is refused as not ready anyway).
   * Never throws: admission asks for every forecast request.
   */
  admissionWeight(body: unknown): number {
    return admissionWeight(body, this.served?.manifest, this.config.scoringThreads === 0 ? undefined : this.config.scoringThreadAboveMs);
  }

  private async load(): Promise<void> {
    const { modelName: name, modelVersion: selector } = this.config;
    const started = process.hrtime.bigint();
    try {
      const served = await retryWithBackoff(() => this.attempt(name, selector), {
        initialMs: this.config.retryInitialMs,
        maxMs: this.config.retryMaxMs,
        signal: this.abort.signal,
        isRetryable: (error) => classifyLoadFailure(error).retryable,
        // The one retry layer (the fetcher and the Azure SDK make one attempt each): every failed attempt is
        // counted in model_load_failures_total and logged with its number.
        onRetry: (error, delayMs, attempt) => {
          const { reason } = classifyLoadFailure(error);
          this.observer.modelLoadFailed(reason);
          this.reason = `${reason}: ${describe(error)} (attempt ${attempt} failed, retrying in ${delayMs} ms)`;
          this.logger.warn({ msg: `loading ${this.where(name)} failed, retrying`, reason, error: describe(error), attempt, retryInMs: delayMs });
        },
      });
      if (this.abort.signal.aborted) {
        await served.forecaster.release();
        return;
      }
      this.served = served;
      this.state = 'ready';
      this.reason = '';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.observer.modelLoaded(served.manifest, seconds);
      this.observer.readinessChanged(true);
      this.logger.log({ msg: `serving ${this.where(name)}`, model: name, version: served.manifest.version, sha256: served.manifest.artifact.sha256, loadSeconds: seconds });
    } catch (error) {
      if (this.abort.signal.aborted) return;
      const { reason } = classifyLoadFailure(error);
      this.observer.modelLoadFailed(reason);
      this.state = 'failed';
      this.reason = `${reason}: ${describe(error)}`;
      this.logger.error({ msg: `refusing to serve ${this.where(name)}`, model: name, version: this.version, reason, error: describe(error) });
    }
  }

  private where(name: string): string {
    return this.version === undefined ? `model ${name} (${this.config.modelVersion})` : `model ${name} version ${this.version}`;
  }

  private async attempt(name: string, selector: string): Promise<ServedModel> {
    // Resolved once: later attempts (after an outage) fetch the same version, never a newer one.
    this.version ??= await resolveModelVersion(this.registry, name, selector, {
      onWarning: (message) => this.logger.warn({ msg: message, model: name }),
    });
    const { manifest, modelPath } = await fetchModel(this.registry, name, this.version, {
      cacheDir: this.config.modelCacheDir,
      timeoutMs: this.config.downloadTimeoutMs,
      signal: this.abort.signal,
    });
    const session = { intraOpThreads: this.config.intraOpThreads, interOpThreads: this.config.interOpThreads };
    const onnx = await OnnxModel.load(modelPath, manifest.io, session);
    // Verified here first, where a failure keeps its kind (session, golden mismatch) for the reason and the metric.
    const local = inProcessForecaster(manifest, onnx);
    try {
      await checkGoldenExamples(manifest, local.forecast);
    } catch (error) {
      await local.release();
      throw error;
    }
    if (this.config.scoringThreads === 0) return { manifest, forecaster: local };
    // Then on the threads that will score heavy requests: each loads and checks its own session, and the host
    // checks the answers as they come back across the thread boundary.
    const threads = startScoringThreads(manifest, modelPath, session, this.config.scoringThreads);
    try {
      await checkGoldenExamples(manifest, threads.forecast);
    } catch (error) {
      await Promise.all([threads.release(), local.release()]);
      throw error;
    }
    return { manifest, forecaster: routedForecaster(manifest, local, threads, this.config.scoringThreadAboveMs) };
  }

  /** SIGTERM: readiness fails at once so the load balancer drains us, while requests are still accepted. */
  async beforeApplicationShutdown(): Promise<void> {
    const wasReady = this.state === 'ready';
    this.state = 'stopping';
    this.reason = 'the service is shutting down';
    this.abort.abort();
    if (wasReady) this.observer.readinessChanged(false);
    if (this.config.shutdownDrainDelayMs > 0) {
      this.logger.log({ msg: 'draining before closing the listener', drainDelayMs: this.config.shutdownDrainDelayMs });
      await new Promise((resolve) => setTimeout(resolve, this.config.shutdownDrainDelayMs));
    }
  }

  /** After the HTTP server has closed and in-flight requests have finished. */
  async onApplicationShutdown(): Promise<void> {
    await this.loading?.catch(() => undefined);
    const served = this.served;
    this.served = undefined;
    if (!served) return;
    await served.forecaster.release();
    this.logger.log({ msg: 'released the model session', model: served.manifest.name, version: served.manifest.version });
  }
}
