import * as path from 'node:path';
import { AzureBlobModelStore } from './azure-blob-model-store';
import { createModelStore } from './create-model-store';
import { LocalFolderModelStore } from './local-folder-model-store';
import { RegistryUrlInvalidError } from './registry-url-invalid.error';

// The well-known public Azurite development key, not a secret.
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const azurite = (port: number): string =>
  `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;

describe('createModelStore', () => {
  it.each([
    ['file:./registry', `file:${path.resolve('registry')}`],
    ['file:registry', `file:${path.resolve('registry')}`],
    ['file:///srv/models', 'file:/srv/models'],
  ])('%s is a local folder at %s', (url, location) => {
    const store = createModelStore(url);
    expect(store).toBeInstanceOf(LocalFolderModelStore);
    expect(store.location).toBe(location);
  });

  it('an https container URL without a connection string uses DefaultAzureCredential', () => {
    const store = createModelStore('https://acct.blob.core.windows.net/models');
    expect(store).toBeInstanceOf(AzureBlobModelStore);
    expect(store.location).toBe('https://acct.blob.core.windows.net/models');
  });

  it('an Azurite URL with a matching connection string uses it and never shows the key', () => {
    const store = createModelStore('http://127.0.0.1:10000/devstoreaccount1/models', { azureStorageConnectionString: azurite(10000) });
    expect(store).toBeInstanceOf(AzureBlobModelStore);
    expect(store.location).toBe('http://127.0.0.1:10000/devstoreaccount1/models');
    expect(store.location).not.toContain(AZURITE_KEY);
  });

  it.each([
    ['s3://bucket/models', {}, /must be file:<folder>/],
    ['file:', {}, /must name a folder/],
    ['https://acct.blob.core.windows.net/', {}, /must end with a container name/],
    ['https://acct.blob.core.windows.net/Bad_Name', {}, /must end with a container name/],
    ['http://127.0.0.1:10001/devstoreaccount1/models', { azureStorageConnectionString: azurite(10000) }, /does not match the blob endpoint/],
    ['http://127.0.0.1:10000/devstoreaccount1/models', { azureStorageConnectionString: 'AccountKey=;nonsense' }, /not a valid storage connection string/],
  ])('rejects %s clearly', (url, options, message) => {
    let thrown: unknown;
    try {
      createModelStore(url, options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RegistryUrlInvalidError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(AZURITE_KEY);
  });
});
