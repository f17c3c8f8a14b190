import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AzureBlobModelStore } from '../../../src/registry/azure-blob-model-store';
import { createModelStore } from '../../../src/registry/create-model-store';
import { ObjectConflictError, ObjectNotFoundError, RegistryUnavailableError } from '../../../src/registry/registry.errors';
import { azuriteStore, freePort, RunningAzurite, startAzurite } from '../../support/azurite';

jest.setTimeout(60_000);

describe('AzureBlobModelStore against Azurite', () => {
  let azurite: RunningAzurite;
  let store: AzureBlobModelStore;
  let scratch: string;

  beforeAll(async () => {
    azurite = await startAzurite();
    store = await azuriteStore(azurite, 'store-spec');
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'azure-store-'));
  });

  afterAll(async () => {
    await azurite?.stop();
    if (scratch) await fs.rm(scratch, { recursive: true, force: true });
  });

  it('is what createModelStore builds for an Azurite URL with a connection string', async () => {
    const created = createModelStore(`${azurite.blobEndpoint}/store-spec`, { azureStorageConnectionString: azurite.connectionString });
    await store.write('created/1/x.txt', Buffer.from('x'), { ifNoneMatch: '*' });
    expect(await created.list('created/')).toEqual(['created/1/x.txt']);
    expect(created.location).toBe(`${azurite.blobEndpoint}/store-spec`);
  });

  it('creates an object only once with ifNoneMatch *', async () => {
    await store.write('m/1/model.onnx', Buffer.from('first'), { ifNoneMatch: '*' });
    await expect(store.write('m/1/model.onnx', Buffer.from('second'), { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectConflictError);
    expect((await store.read('m/1/model.onnx'))?.data.toString()).toBe('first');
  });

  it('replaces an object only when its etag still matches', async () => {
    await store.write('m/aliases.json', Buffer.from('{"production":1}'), { ifNoneMatch: '*' });
    const read = await store.read('m/aliases.json');
    await store.write('m/aliases.json', Buffer.from('{"production":2}'), { ifMatch: read!.etag });
    await expect(store.write('m/aliases.json', Buffer.from('{"production":3}'), { ifMatch: read!.etag })).rejects.toBeInstanceOf(
      ObjectConflictError,
    );
    const after = await store.read('m/aliases.json');
    expect(after?.data.toString()).toBe('{"production":2}');
    expect(after?.etag).not.toBe(read!.etag);
  });

  it('lists keys under a prefix recursively and sorted, and nothing for an unknown prefix', async () => {
    await store.write('listed/2/manifest.json', Buffer.from('{}'), { ifNoneMatch: '*' });
    await store.write('listed/10/manifest.json', Buffer.from('{}'), { ifNoneMatch: '*' });
    await store.write('listed/aliases.json', Buffer.from('{}'), { ifNoneMatch: '*' });
    await store.write('listed-other/1/manifest.json', Buffer.from('{}'), { ifNoneMatch: '*' });
    expect(await store.list('listed/')).toEqual(['listed/10/manifest.json', 'listed/2/manifest.json', 'listed/aliases.json']);
    expect(await store.list('absent/')).toEqual([]);
  });

  it('reads a missing object as undefined and refuses to download it', async () => {
    expect(await store.read('m/9/manifest.json')).toBeUndefined();
    const target = path.join(scratch, 'missing.onnx');
    await expect(store.download('m/9/model.onnx', target)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(fs.access(target)).rejects.toThrow();
  });

  it('streams an object to a file byte for byte', async () => {
    const payload = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) % 251;
    await store.write('big/1/model.onnx', payload, { ifNoneMatch: '*' });
    const target = path.join(scratch, 'big.onnx');
    await store.download('big/1/model.onnx', target);
    expect((await fs.readFile(target)).equals(payload)).toBe(true);
  });

  it('an aborted download rejects and leaves no file behind', async () => {
    await store.write('abort/1/model.onnx', Buffer.alloc(1024, 1), { ifNoneMatch: '*' });
    const target = path.join(scratch, 'aborted.onnx');
    await expect(store.download('abort/1/model.onnx', target, AbortSignal.abort())).rejects.toThrow();
    await expect(fs.access(target)).rejects.toThrow();
  });

  it('a container nobody listens on is unavailable (retryable), not missing', async () => {
    const port = await freePort();
    const down = AzureBlobModelStore.withConnectionString(
      `http://127.0.0.1:${port}/devstoreaccount1/models`,
      azurite.connectionString.replace(String(azurite.port), String(port)),
    );
    await expect(down.list('m/')).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(down.read('m/aliases.json')).rejects.toBeInstanceOf(RegistryUnavailableError);
    const error = await down.read('m/aliases.json').catch((e: Error) => e);
    expect(String((error as Error).message)).not.toContain('AccountKey');
  });

  it('a container that does not exist lists as empty', async () => {
    const other = AzureBlobModelStore.withConnectionString(`${azurite.blobEndpoint}/never-created`, azurite.connectionString);
    expect(await other.list('m/')).toEqual([]);
    expect(await other.read('m/aliases.json')).toBeUndefined();
  });
});
