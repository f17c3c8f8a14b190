import { createModelStore, ModelStoreOptions } from '../../registry/create-model-store';
import { ModelStore } from '../../registry/model-store';
import { RegistryUrlInvalidError } from '../../registry/registry-url-invalid.error';
import { RetryingModelStore, STORE_RETRY, StoreOperation } from '../../registry/retrying-model-store';

/** Typed injection token and shape: the object store plus its one-time preparation. */
export abstract class ForecastLogStore {
  abstract readonly store: ModelStore;
  /** Creates the Blob container when missing (once); a folder needs nothing. */
  abstract prepare(): Promise<void>;
}

export interface ForecastLogStoreOptions extends ModelStoreOptions {
  /** Called before each retry of a store operation (the service counts them in forecast_log_retries_total). */
  onRetry?: (operation: StoreOperation, error: unknown) => void;
}

// A transient Blob error would otherwise fail an actuals post or drop a flush. Three attempts within about a
// second: an actuals post is answered while the client waits, and a longer outage is the next flush's to retry.
/**
 * The store FORECAST_LOG_URL names, in the same forms as MODEL_REGISTRY_URL (`file:<folder>`, `file:///<abs>`,
 * `https://<account>.blob.core.windows.net/<container>`, an Azurite URL): the registry's object stores already
 * give list, read and an atomic create-if-absent, which is all the log needs.
 */
export function createForecastLogStore(url: string, options: ForecastLogStoreOptions = {}): ForecastLogStore {
  let inner: ModelStore;
  try {
    inner = createModelStore(url, options);
  } catch (error) {
    if (error instanceof RegistryUrlInvalidError) throw new RegistryUrlInvalidError(error.message.replaceAll('MODEL_REGISTRY_URL', 'FORECAST_LOG_URL'));
    throw error;
  }
  const store = new RetryingModelStore(inner, { ...STORE_RETRY, onRetry: options.onRetry });
  let prepared: Promise<void> | undefined;
  return {
    store,
    prepare: () => {
      prepared ??= store.prepare().catch((error: unknown) => {
        prepared = undefined; // try again next time
        throw error;
      });
      return prepared;
    },
  };
}
