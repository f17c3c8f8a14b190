import { ALIASES_FILE, MANIFEST_FILE, MODEL_FILE, ModelManifest } from './model-manifest';
import { VERSION_NUMBER_PATTERN } from '../common/names';
import { ModelStore } from './model-store';
import { ObjectConflictError } from './registry.errors';
import { validateManifest } from './validate-manifest';

/** Alias name -> version, as stored in `<model>/aliases.json`, with the tag to update it conditionally. */
export interface AliasTable {
  aliases: Record<string, number>;
  etag?: string;
}

const MAX_REGISTRATION_ATTEMPTS = 20;

/**
 * Versions and aliases of models on any ModelStore. Versions are positive integers, immutable once written;
 * a version exists for readers once its manifest exists.
 */
export class ModelRegistry {
  constructor(readonly store: ModelStore) {}

  /** Versions with a manifest, ascending. */
  async listVersions(model: string): Promise<number[]> {
    const keys = await this.store.list(`${model}/`);
    const prefix = `${model}/`;
    const suffix = `/${MANIFEST_FILE}`;
    const versions = keys
      .filter((key) => key.startsWith(prefix) && key.endsWith(suffix))
      .map((key) => key.slice(prefix.length, key.length - suffix.length))
      .filter((v) => VERSION_NUMBER_PATTERN.test(v))
      .map(Number);
    return versions.sort((a, b) => a - b);
  }

  async readAliases(model: string): Promise<AliasTable> {
    const stored = await this.store.read(`${model}/${ALIASES_FILE}`);
    if (!stored) return { aliases: {} };
    return { aliases: JSON.parse(stored.data.toString('utf8')) as Record<string, number>, etag: stored.etag };
  }

  /** The validated manifest; throws ManifestInvalidError naming model and version when it does not validate. */
  async readManifest(model: string, version: number): Promise<ModelManifest | undefined> {
    const stored = await this.store.read(`${model}/${version}/${MANIFEST_FILE}`);
    if (!stored) return undefined;
    const where = `${model} version ${version}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(stored.data.toString('utf8'));
    } catch (error) {
      return validateManifest(`not JSON: ${(error as Error).message}`, where);
    }
    return validateManifest(parsed, where);
  }

  modelKey(model: string, version: number): string {
    return `${model}/${version}/${MODEL_FILE}`;
  }

  /**
   * Registers the next version. model.onnx is created first with create-only semantics, so two concurrent
   * registrations never claim the same number: the loser moves on to the next one.
   */
  async register(model: string, onnx: Buffer, manifestFor: (version: number) => ModelManifest): Promise<ModelManifest> {
    const keys = await this.store.list(`${model}/`);
    const claimed = keys.map((k) => Number(k.split('/')[1])).filter((v) => Number.isInteger(v) && v > 0);
    let version = Math.max(0, ...claimed) + 1;
    for (let attempt = 0; attempt < MAX_REGISTRATION_ATTEMPTS; attempt++, version++) {
      try {
        await this.store.write(this.modelKey(model, version), onnx, { ifNoneMatch: '*' });
      } catch (error) {
        if (error instanceof ObjectConflictError) continue;
        throw error;
      }
      const manifest = validateManifest(manifestFor(version), `${model} version ${version}`);
      const body = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
      await this.store.write(`${model}/${version}/${MANIFEST_FILE}`, body, { ifNoneMatch: '*' });
      return manifest;
    }
    throw new ObjectConflictError(`${model}/<next version>`);
  }

  /** Points `alias` at `version`, only if the table is still the one read as `expected` (else ObjectConflictError). */
  async setAlias(model: string, alias: string, version: number, expected: AliasTable): Promise<void> {
    const body = Buffer.from(JSON.stringify({ ...expected.aliases, [alias]: version }, null, 2) + '\n');
    const condition = expected.etag ? { ifMatch: expected.etag } : ({ ifNoneMatch: '*' } as const);
    await this.store.write(`${model}/${ALIASES_FILE}`, body, condition);
  }
}
