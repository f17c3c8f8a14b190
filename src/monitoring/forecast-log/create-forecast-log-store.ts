import { createModelStore, ModelStoreOptions } from '../../registry/create-model-store';
import { ModelStore } from '../../registry/model-store';
import { RegistryUrlInvalidError } from '../../registry/registry-url-invalid.error';

/** Typed injection token and shape: the object store plus its one-time preparation. */
export abstract class ForecastLogStore {
  abstract readonly store: ModelStore;
  /** Creates the Blob container when missing (once); a folder needs nothing. */
  abstract prepare(): Promise<void>;
}

/**
 * The store FORECAST_LOG_URL names, in the same forms as MODEL_REGISTRY_URL (`file:<folder>`, `file:///<abs>`,
 * `https://<account>.blob.core.windows.net/<container>`, an Azurite URL): the registry's object stores already
 * give list, read and an atomic create-if-absent, which is all the log needs.
 */
export function createForecastLogStore(url: string, options: ModelStoreOptions = {}): ForecastLogStore {
  let store: ModelStore;
  try {
    // The log has no retry layer of its own: a transient Blob error would otherwise fail an actuals post.
    store = createModelStore(url, { blobMaxTries: 3, ...options });
  } catch (error) {
    if (error instanceof RegistryUrlInvalidError) throw new RegistryUrlInvalidError(error.message.replaceAll('MODEL_REGISTRY_URL', 'FORECAST_LOG_URL'));
    throw error;
  }
  const withContainer = store as ModelStore & { ensureContainer?: () => Promise<void> };
  let prepared: Promise<void> | undefined;
  return {
    store,
    prepare: () => {
      prepared ??= (withContainer.ensureContainer?.() ?? Promise.resolve()).catch((error: unknown) => {
        prepared = undefined; // try again next time
        throw error;
      });
      return prepared;
    },
  };
}
