import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AzureBlobModelStore } from '../../src/registry/azure-blob-model-store';
import { ModelStore } from '../../src/registry/model-store';

// Azurite's published development account; the key is public and only ever accepted by the emulator.
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const AZURITE_BIN = path.resolve(__dirname, '../../node_modules/.bin/azurite-blob');
const START_TIMEOUT_MS = 30_000;

/** The connection string and endpoint of an Azurite on `port`, whether or not it runs yet. */
export function azuriteAddress(port: number): { connectionString: string; blobEndpoint: string } {
  const blobEndpoint = `http://127.0.0.1:${port}/${ACCOUNT}`;
  return {
    blobEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${blobEndpoint};`,
  };
}

export interface RunningAzurite {
  connectionString: string;
  /** `http://127.0.0.1:<port>/devstoreaccount1`; a container URL is `${blobEndpoint}/<container>`. */
  blobEndpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** A loopback port that was free a moment ago (also used to reserve a port for an Azurite started later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const LISTENING = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/;

/** Resolves with the port Azurite reports, so port 0 (no race for a free port) works. */
function waitForListening(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`azurite did not start within ${START_TIMEOUT_MS} ms:\n${output()}`)), START_TIMEOUT_MS);
    const onData = (): void => {
      const match = LISTENING.exec(output());
      if (match) finish(undefined, Number(match[1]));
    };
    const onExit = (code: number | null): void => finish(new Error(`azurite exited with ${code}:\n${output()}`));
    function finish(error?: Error, port?: number): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(port!);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Starts the Azurite blob emulator from node_modules on loopback, in memory, in its own temp workspace. */
export async function startAzurite(options: { port?: number } = {}): Promise<RunningAzurite> {
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'azurite-'));
  const child = spawn(
    AZURITE_BIN,
    [
      '--blobHost', '127.0.0.1',
      '--blobPort', String(options.port ?? 0),
      '--extentMemoryLimit', '256',
      '--inMemoryPersistence',
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--disableTelemetry',
    ],
    // In-memory persistence excludes --location; the temp cwd catches anything Azurite still writes.
    { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let port: number;
  try {
    port = await waitForListening(child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    await fs.rm(workspace, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    ...azuriteAddress(port),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      await fs.rm(workspace, { recursive: true, force: true });
    },
  };
}

/** A store on `<container>` of a running Azurite, creating the container first. */
export async function azuriteStore(azurite: RunningAzurite, container: string): Promise<AzureBlobModelStore> {
  const store = AzureBlobModelStore.withConnectionString(`${azurite.blobEndpoint}/${container}`, azurite.connectionString);
  await store.ensureContainer();
  return store;
}

/** Copies every file of a local registry folder into a store under the same keys (create-only). */
export async function uploadRegistryFolder(folder: string, store: ModelStore): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  const keys: string[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    const key = path.relative(folder, file).split(path.sep).join('/');
    await store.write(key, await fs.readFile(file), { ifNoneMatch: '*' });
    keys.push(key);
  }
  return keys.sort();
}
