import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalFolderModelStore } from './local-folder-model-store';
import { ObjectConflictError, ObjectNotFoundError } from './registry.errors';

describe('LocalFolderModelStore', () => {
  let root: string;
  let store: LocalFolderModelStore;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'local-store-'));
    store = new LocalFolderModelStore(root);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('creates only once with ifNoneMatch *', async () => {
    await store.write('m/1/model.onnx', Buffer.from('a'), { ifNoneMatch: '*' });
    await expect(store.write('m/1/model.onnx', Buffer.from('b'), { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectConflictError);
    expect((await store.read('m/1/model.onnx'))?.data.toString()).toBe('a');
  });

  it('lets exactly one of many concurrent creators win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.write('m/aliases.json', Buffer.from(String(i)), { ifNoneMatch: '*' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ObjectConflictError)).toHaveLength(7);
  });

  it('replaces only the content that was read (ifMatch etag)', async () => {
    await store.write('m/aliases.json', Buffer.from('{"production":1}'), { ifNoneMatch: '*' });
    const read = (await store.read('m/aliases.json'))!;
    await store.write('m/aliases.json', Buffer.from('{"production":2}'), { ifMatch: read.etag });
    await expect(store.write('m/aliases.json', Buffer.from('{"production":3}'), { ifMatch: read.etag })).rejects.toBeInstanceOf(ObjectConflictError);
    await expect(store.write('m/absent.json', Buffer.from('{}'), { ifMatch: read.etag })).rejects.toBeInstanceOf(ObjectConflictError);
    expect((await store.read('m/aliases.json'))?.data.toString()).toBe('{"production":2}');
  });

  it('lets exactly one of many concurrent updaters of the same etag win', async () => {
    await store.write('m/aliases.json', Buffer.from('0'), { ifNoneMatch: '*' });
    const { etag } = (await store.read('m/aliases.json'))!;
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => store.write('m/aliases.json', Buffer.from(String(i + 1)), { ifMatch: etag })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('lists files under a prefix, sorted, hiding temp and lock files', async () => {
    await store.write('m/2/manifest.json', Buffer.from('{}'), { ifNoneMatch: '*' });
    await store.write('m/1/manifest.json', Buffer.from('{}'), { ifNoneMatch: '*' });
    await fs.writeFile(path.join(root, 'm', '.tmp-leftover'), 'x');
    await fs.writeFile(path.join(root, 'm', 'aliases.json.lock'), '');
    expect(await store.list('m/')).toEqual(['m/1/manifest.json', 'm/2/manifest.json']);
    expect(await store.list('absent/')).toEqual([]);
  });

  it('reads a missing object as undefined, refuses to download it, and never escapes its root', async () => {
    expect(await store.read('m/9/manifest.json')).toBeUndefined();
    await expect(store.download('m/9/model.onnx', path.join(root, 'out'))).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.read('../etc/passwd')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('downloads an object to a file', async () => {
    await store.write('m/1/model.onnx', Buffer.from('graph'), { ifNoneMatch: '*' });
    const target = path.join(root, 'copy.onnx');
    await store.download('m/1/model.onnx', target);
    expect(await fs.readFile(target, 'utf8')).toBe('graph');
  });
});
