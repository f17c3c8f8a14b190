import { ManifestInvalidError } from './manifest-invalid.error';
import { ModelRegistry } from './model-registry';
import { MetricDirection } from './model-manifest';
import { ModelVersionNotFoundError } from './registry.errors';
import { parseVersionSelector } from './version-selector';

export interface ResolveOptions {
  /** Told about versions skipped by `best:<metric>` (invalid manifest) and other oddities; never fatal. */
  onWarning?: (message: string) => void;
}

function listed(versions: number[]): string {
  return versions.length > 0 ? `registered: ${versions.join(', ')}` : 'no version is registered';
}

async function resolveAlias(registry: ModelRegistry, model: string, alias: string, versions: number[]): Promise<number> {
  let aliases: Record<string, unknown>;
  try {
    aliases = (await registry.readAliases(model)).aliases;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ModelVersionNotFoundError(`alias "${alias}" of model ${model} cannot be resolved: aliases.json is not valid JSON`);
  }
  const version = typeof aliases === 'object' && aliases !== null ? aliases[alias] : undefined;
  if (version === undefined) {
    const known = Object.keys(aliases ?? {});
    throw new ModelVersionNotFoundError(
      `model ${model} has no alias "${alias}" (aliases: ${known.length > 0 ? known.join(', ') : 'none'})`,
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ModelVersionNotFoundError(`alias "${alias}" of model ${model} points at ${JSON.stringify(version)}, not a version number`);
  }
  if (!versions.includes(version)) {
    throw new ModelVersionNotFoundError(`alias "${alias}" of model ${model} points at version ${version}, which does not exist (${listed(versions)})`);
  }
  return version;
}

async function resolveBest(registry: ModelRegistry, model: string, metric: string, versions: number[], options: ResolveOptions): Promise<number> {
  const scored: { version: number; value: number; direction: MetricDirection }[] = [];
  for (const version of versions) {
    let manifest;
    try {
      manifest = await registry.readManifest(model, version);
    } catch (error) {
      if (!(error instanceof ManifestInvalidError)) throw error;
      options.onWarning?.(`best:${metric} skips ${model} version ${version}: ${error.message}`);
      continue;
    }
    const value = manifest?.metrics[metric];
    const direction = manifest?.metricDirections[metric];
    if (value === undefined || direction === undefined || !Number.isFinite(value)) continue;
    scored.push({ version, value, direction });
  }
  if (scored.length === 0) {
    throw new ModelVersionNotFoundError(`no version of model ${model} records metric "${metric}" (${listed(versions)})`);
  }
  // The newest version's direction rules; versions that disagree are compared the same way, and reported.
  const direction = scored[scored.length - 1].direction;
  const disagreeing = scored.filter((s) => s.direction !== direction).map((s) => s.version);
  if (disagreeing.length > 0) {
    options.onWarning?.(`best:${metric}: versions ${disagreeing.join(', ')} of ${model} record another direction for "${metric}"; using "${direction}"`);
  }
  const better = (a: number, b: number): boolean =>
    direction === 'lower' ? a < b : direction === 'higher' ? a > b : Math.abs(a) < Math.abs(b);
  let best = scored[0];
  for (const candidate of scored.slice(1)) {
    // Ascending order plus ">=" semantics: a tie goes to the higher (newer) version.
    if (!better(best.value, candidate.value)) best = candidate;
  }
  return best.version;
}

/**
 * Resolves MODEL_VERSION to one registered version: a number (must exist), `latest` (highest version with a
 * manifest), an alias from aliases.json, or `best:<metric>` (best by that metric in its recorded direction).
 * Throws VersionSelectorInvalidError for a malformed selector and ModelVersionNotFoundError when nothing matches.
 */
export async function resolveModelVersion(registry: ModelRegistry, model: string, selector: string, options: ResolveOptions = {}): Promise<number> {
  const parsed = parseVersionSelector(selector);
  const versions = await registry.listVersions(model);
  switch (parsed.kind) {
    case 'number':
      if (!versions.includes(parsed.version)) {
        throw new ModelVersionNotFoundError(`model ${model} has no version ${parsed.version} (${listed(versions)})`);
      }
      return parsed.version;
    case 'latest':
      if (versions.length === 0) throw new ModelVersionNotFoundError(`model ${model} has no version in ${registry.store.location}`);
      return versions[versions.length - 1];
    case 'alias':
      return resolveAlias(registry, model, parsed.alias, versions);
    case 'best':
      return resolveBest(registry, model, parsed.metric, versions, options);
  }
}
