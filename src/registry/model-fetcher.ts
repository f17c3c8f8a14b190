import { SpanStatusCode, trace } from '@opentelemetry/api';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ModelDownloadTimeoutError } from './model-download-timeout.error';
import { MODEL_FILE, ModelManifest } from './model-manifest';
import { ModelRegistry } from './model-registry';
import { ModelChecksumMismatchError, ModelVersionNotFoundError } from './registry.errors';

export interface FetchModelOptions {
  /** model.onnx lands at `<cacheDir>/<model>/<version>/model.onnx`. */
  cacheDir: string;
  /** Per download attempt. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface FetchedModel {
  manifest: ModelManifest;
  modelPath: string;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function sha256IfPresent(file: string): Promise<string | undefined> {
  try {
    return await sha256Of(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function downloadOnce(
  registry: ModelRegistry,
  key: string,
  temporary: string,
  timeoutMs: number,
  where: string,
  signal?: AbortSignal,
): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    await registry.store.download(key, temporary, signal ? AbortSignal.any([signal, timeout]) : timeout);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    if (timeout.aborted && !signal?.aborted) {
      throw new ModelDownloadTimeoutError(`downloading model.onnx of ${where} took longer than ${timeoutMs} ms`);
    }
    throw error;
  }
}

/**
 * Gets a verified local copy of one model version: reads and validates its manifest, streams model.onnx into
 * the cache (temp file + rename, so a crash never leaves a half file under the final name) and checks the
 * manifest's sha256. A cached copy with the right sha256 is reused. One attempt: an outage or a timeout is
 * thrown as RegistryUnavailableError or ModelDownloadTimeoutError, and the caller (ModelHost, the one retry
 * layer) decides whether to try again; ManifestInvalidError and ModelChecksumMismatchError name model and version.
 */
export async function fetchModel(registry: ModelRegistry, model: string, version: number, options: FetchModelOptions): Promise<FetchedModel> {
  const where = `${model} version ${version}`;
  const tracer = trace.getTracer('demand-forecast-serving');
  return tracer.startActiveSpan('registry.fetch_model', { attributes: { 'model.name': model, 'model.version': version } }, async (span) => {
    try {
      const manifest = await registry.readManifest(model, version);
      if (!manifest) throw new ModelVersionNotFoundError(`model ${model} has no version ${version} in ${registry.store.location}`);
      const expected = manifest.artifact.sha256;

      const directory = path.join(options.cacheDir, model, String(version));
      const modelPath = path.join(directory, MODEL_FILE);
      await fs.mkdir(directory, { recursive: true });
      const cached = await sha256IfPresent(modelPath);
      span.setAttribute('model.cache_hit', cached === expected);
      if (cached === expected) return { manifest, modelPath };
      if (cached !== undefined) await fs.rm(modelPath, { force: true });

      const temporary = path.join(directory, `.download-${randomUUID()}`);
      await downloadOnce(registry, registry.modelKey(model, version), temporary, options.timeoutMs, where, options.signal);
      const actual = await sha256Of(temporary);
      if (actual !== expected) {
        await fs.rm(temporary, { force: true });
        throw new ModelChecksumMismatchError(`model.onnx of ${where} has sha256 ${actual}, but its manifest records ${expected}; refusing to serve it`, {
          model,
          version,
          expected,
          actual,
        });
      }
      await fs.rename(temporary, modelPath);
      return { manifest, modelPath };
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
