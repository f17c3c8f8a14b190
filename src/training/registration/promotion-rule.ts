import type { LiveAccuracy } from './live-accuracy';

/** Fewer scored points than this say too little about the champion's live accuracy to act on. */
export const MIN_LIVE_POINTS = 100;
/** The champion counts as degraded in production when its live WAPE exceeds its holdout WAPE by this factor. */
export const DEGRADED_FACTOR = 1.2;

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
 * Champion/challenger. On the holdout, the candidate wins with a strictly lower WAPE and an |bias| no larger than
 * the champion's. Live accuracy (the champion's scored actuals from the forecast log, at least MIN_LIVE_POINTS)
 * adds a second way in: a champion whose live WAPE is more than DEGRADED_FACTOR × its own holdout WAPE has
 * degraded in production, so its holdout figure no longer describes it, and the candidate wins when its holdout
 * WAPE and |bias| are no worse than the champion's live ones. A champion without metrics cannot be compared.
 */
export function judgeChallenger(
  candidate: Record<string, number>,
  champion: Record<string, number>,
  championVersion: number,
  live?: LiveAccuracy,
): PromotionVerdict {
  const offline = holdoutVerdict(candidate, champion, championVersion);
  if (offline.better || !live || live.version !== championVersion || !(live.points >= MIN_LIVE_POINTS) || !Number.isFinite(live.wape)) {
    return live && live.version === championVersion && live.points < MIN_LIVE_POINTS
      ? { ...offline, reason: `${offline.reason}; live accuracy of version ${championVersion} rests on ${live.points} points (< ${MIN_LIVE_POINTS}), not used` }
      : offline;
  }
  const candidateBias = absBias(candidate);
  const liveSummary = `live WAPE ${fmt(live.wape)} and bias ${fmt(live.bias)} over ${live.points} points${live.from ? ` (${live.from}..${live.to})` : ''}`;
  if (!Number.isFinite(champion.wape) || !(live.wape > DEGRADED_FACTOR * champion.wape)) {
    return { better: false, reason: `${offline.reason}; version ${championVersion}'s ${liveSummary} is in line with its holdout WAPE ${fmt(champion.wape)}` };
  }
  if (candidate.wape <= live.wape && candidateBias !== undefined && candidateBias <= Math.abs(live.bias)) {
    return {
      better: true,
      reason: `version ${championVersion} degraded in production (${liveSummary} vs holdout ${fmt(champion.wape)}); candidate holdout WAPE ${fmt(candidate.wape)} and |bias| ${fmt(candidateBias)} are no worse`,
    };
  }
  return { better: false, reason: `${offline.reason}; version ${championVersion} degraded in production (${liveSummary}) but the candidate's holdout WAPE ${fmt(candidate.wape)} is no better` };
}

function holdoutVerdict(candidate: Record<string, number>, champion: Record<string, number>, championVersion: number): PromotionVerdict {
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
