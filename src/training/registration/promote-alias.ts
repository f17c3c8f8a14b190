import { ModelManifest } from '../../registry/model-manifest';
import { ModelRegistry } from '../../registry/model-registry';
import { ObjectConflictError } from '../../registry/registry.errors';
import type { LiveAccuracy } from './live-accuracy';
import { judgeChallenger } from './promotion-rule';

export interface PromotionDecision {
  alias: string;
  version: number;
  promoted: boolean;
  /** The version the alias pointed at when the decision was taken. */
  previous?: number;
  reason: string;
}

const MAX_ATTEMPTS = 10;

/**
 * Moves `alias` to the candidate when it beats the alias's current version (or when forced, or when the alias
 * is unset). The alias table is written conditionally on the tag that was read; when someone else moved it in
 * the meantime the decision is taken again against the new holder.
 */
export async function promoteIfBetter(
  registry: ModelRegistry,
  candidate: ModelManifest,
  alias: string,
  force: boolean,
  /** The alias holder's live accuracy from the forecast log, when the pipeline measured it. */
  live?: LiveAccuracy,
): Promise<PromotionDecision> {
  const model = candidate.name;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const table = await registry.readAliases(model);
    const previous = table.aliases[alias];
    let reason: string;
    if (previous === candidate.version) {
      return { alias, version: candidate.version, promoted: true, previous, reason: `${alias} already points at version ${previous}` };
    }
    if (previous === undefined) {
      reason = `no version holds ${alias} yet`;
    } else {
      const champion = await registry.readManifest(model, previous);
      const verdict = champion
        ? judgeChallenger(candidate.metrics, champion.metrics, previous, live)
        : { better: false, reason: `version ${previous} has no manifest` };
      if (!verdict.better && !force) return { alias, version: candidate.version, promoted: false, previous, reason: verdict.reason };
      reason = verdict.better ? verdict.reason : `forced (${verdict.reason})`;
    }
    try {
      await registry.setAlias(model, alias, candidate.version, table);
      return { alias, version: candidate.version, promoted: true, previous, reason };
    } catch (error) {
      if (!(error instanceof ObjectConflictError)) throw error;
    }
  }
  throw new ObjectConflictError(`${model}/aliases.json`);
}
