export interface PromotionVerdict {
  better: boolean;
  reason: string;
}

const fmt = (x: number) => x.toFixed(4);

function absBias(metrics: Record<string, number>): number | undefined {
  if (Number.isFinite(metrics.abs_bias)) return metrics.abs_bias;
  return Number.isFinite(metrics.bias) ? Math.abs(metrics.bias) : undefined;
}

/**
 * Champion/challenger on the holdout: the candidate wins only with a strictly lower WAPE and an |bias| no
 * larger than the champion's. A champion without these metrics cannot be compared, so it stays.
 */
export function judgeChallenger(candidate: Record<string, number>, champion: Record<string, number>, championVersion: number): PromotionVerdict {
  const candidateBias = absBias(candidate);
  const championBias = absBias(champion);
  if (!Number.isFinite(candidate.wape) || candidateBias === undefined) {
    return { better: false, reason: 'the candidate has no holdout wape and bias metrics' };
  }
  if (!Number.isFinite(champion.wape) || championBias === undefined) {
    return { better: false, reason: `version ${championVersion} records no holdout wape and bias, so the two cannot be compared` };
  }
  if (candidate.wape >= champion.wape) {
    return { better: false, reason: `holdout WAPE ${fmt(candidate.wape)} does not beat version ${championVersion}'s ${fmt(champion.wape)}` };
  }
  if (candidateBias > championBias) {
    return {
      better: false,
      reason: `holdout WAPE ${fmt(candidate.wape)} beats ${fmt(champion.wape)} but |bias| ${fmt(candidateBias)} is worse than version ${championVersion}'s ${fmt(championBias)}`,
    };
  }
  return {
    better: true,
    reason: `holdout WAPE ${fmt(candidate.wape)} < ${fmt(champion.wape)} and |bias| ${fmt(candidateBias)} <= ${fmt(championBias)} of version ${championVersion}`,
  };
}
