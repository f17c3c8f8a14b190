import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient, ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { promises as fs } from 'node:fs';
import { ModelStore, StoredObject, WriteCondition } from './model-store';
import { ObjectConflictError, ObjectNotFoundError, RegistryUnavailableError } from './registry.errors';
import { RegistryUrlInvalidError } from './registry-url-invalid.error';

// No retries inside the SDK: the callers' retry layer (ModelHost for the registry, RetryingModelStore for the
// forecast log) is the one, with the stores' one classifier (an outage is a RegistryUnavailableError) and a
// count of every retry. The SDK's defaults would also retry a refused connection for about half a minute, hiding
// a registry that came back.
const PIPELINE_OPTIONS: StoragePipelineOptions = { retryOptions: { maxTries: 1 } };
const DOWNLOAD_STREAM_RETRIES = 0;
const CREDENTIAL_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError']);

interface SdkError {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  return parsed.toString().replace(/\/+$/, '');
}

/** Maps SDK failures onto the registry's errors; aborts pass through so callers can tell a timeout from an outage. */
function translate(error: unknown, key: string, location: string): unknown {
  const e = (error ?? {}) as SdkError;
  if (e.name === 'AbortError') return error;
  const status = e.statusCode;
  if (status === 404) return new ObjectNotFoundError(key);
  if (status === 409 || status === 412) return new ObjectConflictError(key);
  if (status === 401 || status === 403) {
    // Retryable on purpose: on AKS a fresh role assignment or workload-identity token can take minutes to apply.
    return new RegistryUnavailableError(`access to ${location} was denied (HTTP ${status}); the identity needs "Storage Blob Data Reader" on the container`);
  }
  if (e.name && CREDENTIAL_ERRORS.has(e.name)) {
    return new RegistryUnavailableError(`no Azure credential for ${location}: ${e.name}`);
  }
  if (status === undefined || status === 408 || status === 429 || status >= 500) {
    const why = status === undefined ? (e.code ?? e.name ?? 'network error') : `HTTP ${status}`;
    return new RegistryUnavailableError(`registry ${location} is unreachable (${why}) while accessing "${key}"`);
  }
  return error;
}

/**
 * The registry as an Azure Blob container; the only file that imports @azure/storage-blob. Conditional writes
 * map onto blob ETags (If-None-Match: * creates only, If-Match replaces only what was read).
 */
export class AzureBlobModelStore implements ModelStore {
  readonly location: string;

  private constructor(private readonly container: ContainerClient) {
    this.location = withoutQuery(container.url);
  }

  /** AKS workload identity, managed identity or a developer's az login, via DefaultAzureCredential. */
  static withDefaultCredential(containerUrl: string): AzureBlobModelStore {
    containerNameOf(containerUrl);
    return new AzureBlobModelStore(new ContainerClient(containerUrl, new DefaultAzureCredential(), PIPELINE_OPTIONS));
  }

  /**
   * A connection string (Azurite, development). The container is the last segment of `containerUrl`, whose
   * endpoint must be the connection string's, so the URL shown in logs is the one actually used.
   */
  static withConnectionString(containerUrl: string, connectionString: string): AzureBlobModelStore {
    const containerName = containerNameOf(containerUrl);
    let service: BlobServiceClient;
    try {
      service = BlobServiceClient.fromConnectionString(connectionString, PIPELINE_OPTIONS);
    } catch {
      // The SDK's message may quote the string, which holds the account key.
      throw new RegistryUrlInvalidError('AZURE_STORAGE_CONNECTION_STRING is not a valid storage connection string');
    }
    const container = service.getContainerClient(containerName);
    const expected = withoutQuery(container.url);
    if (expected !== withoutQuery(containerUrl)) {
      throw new RegistryUrlInvalidError(
        `MODEL_REGISTRY_URL ${withoutQuery(containerUrl)} does not match the blob endpoint of AZURE_STORAGE_CONNECTION_STRING (${expected})`,
      );
    }
    return new AzureBlobModelStore(container);
  }

  /** Creates the container when missing (registration into a new registry, Azurite tests); readers never need it. */
  async ensureContainer(): Promise<void> {
    try {
      await this.container.createIfNotExists();
    } catch (error) {
      throw translate(error, this.container.containerName, this.location);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat({ prefix })) keys.push(blob.name);
    } catch (error) {
      const translated = translate(error, prefix, this.location);
      // A missing container lists as empty, as a missing local folder does.
      if (translated instanceof ObjectNotFoundError) return [];
      throw translated;
    }
    return keys.sort();
  }

  async read(key: string): Promise<StoredObject | undefined> {
    try {
      const response = await this.container.getBlobClient(key).download();
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody!) chunks.push(Buffer.from(chunk as Buffer));
      return { data: Buffer.concat(chunks), etag: response.etag! };
    } catch (error) {
      const translated = translate(error, key, this.location);
      if (translated instanceof ObjectNotFoundError) return undefined;
      throw translated;
    }
  }

  async download(key: string, destinationPath: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.container
        .getBlobClient(key)
        .downloadToFile(destinationPath, 0, undefined, { abortSignal: signal, maxRetryRequests: DOWNLOAD_STREAM_RETRIES });
    } catch (error) {
      await fs.rm(destinationPath, { force: true });
      throw translate(error, key, this.location);
    }
  }

  async write(key: string, data: Buffer, condition: WriteCondition): Promise<void> {
    const conditions = 'ifNoneMatch' in condition ? { ifNoneMatch: '*' } : { ifMatch: condition.ifMatch };
    try {
      await this.container.getBlockBlobClient(key).upload(data, data.length, { conditions });
    } catch (error) {
      throw translate(error, key, this.location);
    }
  }
}

const CONTAINER_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

function containerNameOf(containerUrl: string): string {
  let url: URL;
  try {
    url = new URL(containerUrl);
  } catch {
    throw new RegistryUrlInvalidError(`MODEL_REGISTRY_URL "${containerUrl}" is not a URL`);
  }
  const segments = url.pathname.split('/').filter((s) => s.length > 0);
  const name = segments.at(-1) ?? '';
  if (!CONTAINER_NAME.test(name)) {
    throw new RegistryUrlInvalidError(
      `MODEL_REGISTRY_URL ${withoutQuery(containerUrl)} must end with a container name (3-63 lowercase letters, digits and single hyphens)`,
    );
  }
  return name;
}
