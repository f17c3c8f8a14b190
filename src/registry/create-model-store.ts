import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as AzureBlob from './azure-blob-model-store';
import { LocalFolderModelStore } from './local-folder-model-store';
import { ModelStore } from './model-store';
import { RegistryUrlInvalidError } from './registry-url-invalid.error';

export interface ModelStoreOptions {
  /** Development and Azurite; without it an http(s) registry authenticates with DefaultAzureCredential. */
  azureStorageConnectionString?: string;
}

/**
 * The store MODEL_REGISTRY_URL names: `file:./registry` (relative to the working directory), `file:///abs/path`,
 * `https://<account>.blob.core.windows.net/<container>` or an Azurite `http://127.0.0.1:<port>/<account>/<container>`.
 */
export function createModelStore(registryUrl: string, options: ModelStoreOptions = {}): ModelStore {
  if (registryUrl.startsWith('file://')) {
    return new LocalFolderModelStore(fileURLToPath(registryUrl));
  }
  if (registryUrl.startsWith('file:')) {
    const folder = registryUrl.slice('file:'.length);
    if (folder.length === 0) throw new RegistryUrlInvalidError('MODEL_REGISTRY_URL "file:" must name a folder, e.g. file:./registry');
    return new LocalFolderModelStore(path.resolve(folder));
  }
  if (/^https?:\/\//.test(registryUrl)) {
    // Loaded only for a blob registry: the Azure SDK and identity stack add ~8 MB of resident memory and
    // startup time that a service on the embedded folder registry never uses.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AzureBlobModelStore } = require('./azure-blob-model-store') as typeof AzureBlob;
    const connectionString = options.azureStorageConnectionString;
    return connectionString
      ? AzureBlobModelStore.withConnectionString(registryUrl, connectionString)
      : AzureBlobModelStore.withDefaultCredential(registryUrl);
  }
  throw new RegistryUrlInvalidError(
    `MODEL_REGISTRY_URL "${registryUrl}" must be file:<folder>, file:///<absolute folder> or https://<account>.blob.core.windows.net/<container>`,
  );
}
