import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ModelStore, StoredObject, WriteCondition } from './model-store';
import { ObjectConflictError, ObjectNotFoundError } from './registry.errors';

const LOCK_ATTEMPTS = 200;
const LOCK_WAIT_MS = 10;

function etagOf(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

/** The registry as a folder on disk (the embedded default, and development). */
export class LocalFolderModelStore implements ModelStore {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = `file:${root}`;
  }

  private pathOf(key: string): string {
    const resolved = path.resolve(this.root, key);
    if (!resolved.startsWith(path.resolve(this.root) + path.sep)) throw new ObjectNotFoundError(key);
    return resolved;
  }

  async list(prefix: string): Promise<string[]> {
    const base = this.pathOf(prefix);
    try {
      const entries = await fs.readdir(base, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile() && !e.name.endsWith('.lock') && !e.name.startsWith('.tmp-'))
        .map((e) => path.relative(this.root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .sort();
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
  }

  async read(key: string): Promise<StoredObject | undefined> {
    try {
      const data = await fs.readFile(this.pathOf(key));
      return { data, etag: etagOf(data) };
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  }

  async download(key: string, destinationPath: string, signal?: AbortSignal): Promise<void> {
    const source = this.pathOf(key);
    try {
      await fs.access(source);
    } catch {
      throw new ObjectNotFoundError(key);
    }
    await pipeline(createReadStream(source), createWriteStream(destinationPath), { signal });
  }

  async write(key: string, data: Buffer, condition: WriteCondition): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temporary = path.join(path.dirname(target), `.tmp-${randomUUID()}`);
    await fs.writeFile(temporary, data);
    try {
      if ('ifNoneMatch' in condition) {
        // link() fails when the target exists, which makes create-if-absent atomic and never exposes a partial file.
        await fs.link(temporary, target).catch((error: unknown) => {
          throw isCode(error, 'EEXIST') ? new ObjectConflictError(key) : error;
        });
      } else {
        await this.withLock(target, key, async () => {
          const current = await this.read(key);
          if (!current || current.etag !== condition.ifMatch) throw new ObjectConflictError(key);
          await fs.rename(temporary, target);
        });
      }
    } finally {
      await fs.rm(temporary, { force: true });
    }
  }

  private async withLock(target: string, key: string, action: () => Promise<void>): Promise<void> {
    const lock = `${target}.lock`;
    for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
      try {
        const handle = await fs.open(lock, 'wx');
        await handle.close();
        try {
          return await action();
        } finally {
          await fs.rm(lock, { force: true });
        }
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
        await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
      }
    }
    throw new ObjectConflictError(key);
  }
}
