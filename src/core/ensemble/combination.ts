import { CombinationEntry, MemberName, MEMBERS } from './ensemble-spec';
import { HistoryTraits, lookupKeys } from './segments';

export type MemberForecasts = Partial<Record<MemberName, ArrayLike<number>>>;

/** Members used when no learnt entry covers a series: the classic robust pair. */
export const DEFAULT_WEIGHTS: Partial<Record<MemberName, number>> = { ets: 0.5, theta: 0.5 };

export function entryFor(entries: ReadonlyMap<string, CombinationEntry>, traits: HistoryTraits): CombinationEntry | undefined {
  for (const key of lookupKeys(traits)) {
    const entry = entries.get(key);
    if (entry) return entry;
  }
  return undefined;
}

const NAIVE_ONLY: Partial<Record<MemberName, number>> = { naive: 1 };

/** Whether a member takes part in a combination: it has a positive weight and the series has its forecast. */
function carriesWeight(weight: number | undefined, forecast: ArrayLike<number> | undefined): boolean {
  return weight !== undefined && weight > 0 && forecast !== undefined;
}

function weightedStep(members: MemberForecasts, weights: Partial<Record<MemberName, number>>, index: number): number | undefined {
  let sum = 0;
  let total = 0;
  for (const name of MEMBERS) {
    const w = weights[name];
    const forecast = members[name];
    if (!carriesWeight(w, forecast)) continue;
    sum += w! * forecast![index];
    total += w!;
  }
  return total > 0 ? sum / total : undefined;
}

/**
 * Σ w·forecast over the members this series has, the weights renormalised over them; when none of the weighted
 * members exists for the series, the default pair, then the naive forecast.
 */
export function combineStep(members: MemberForecasts, weights: Partial<Record<MemberName, number>>, index: number): number {
  return weightedStep(members, weights, index) ?? weightedStep(members, DEFAULT_WEIGHTS, index) ?? weightedStep(members, NAIVE_ONLY, index) ?? 0;
}

/** Which members carry weight for a series at a step, heaviest first (ties in MEMBERS order). */
export function activeMembers(members: MemberForecasts, weights: Partial<Record<MemberName, number>>): MemberName[] {
  const present = MEMBERS.filter((m) => carriesWeight(weights[m], members[m]));
  if (present.length > 0) return present.sort((a, b) => weights[b]! - weights[a]!);
  const fallback = MEMBERS.filter((m) => carriesWeight(DEFAULT_WEIGHTS[m], members[m]));
  return fallback.length > 0 ? fallback : ['naive'];
}

/** The members a combination draws on, with their weights: those of `weights` the series has, if any. */
function drawnMembers(members: MemberForecasts, weights: Partial<Record<MemberName, number>>): { forecasts: ArrayLike<number>[]; weights: number[] } | undefined {
  const forecasts: ArrayLike<number>[] = [];
  const drawn: number[] = [];
  for (const name of MEMBERS) {
    const w = weights[name];
    const forecast = members[name];
    if (!carriesWeight(w, forecast)) continue;
    forecasts.push(forecast!);
    drawn.push(w!);
  }
  return forecasts.length > 0 ? { forecasts, weights: drawn } : undefined;
}

/**
 * The combination over steps 1..horizon with the given weights, never negative, and the members that carried weight
 * (heaviest first). combineStep at every step, with the members chosen once: which exist does not change by step,
 * and looking them up by name at each of a batch's 1,800 steps was most of combining's time.
 */
export function combineWith(members: MemberForecasts, weights: Partial<Record<MemberName, number>>, horizon: number): { values: Float64Array; used: MemberName[] } {
  const values = new Float64Array(horizon);
  const drawn = drawnMembers(members, weights) ?? drawnMembers(members, DEFAULT_WEIGHTS) ?? drawnMembers(members, NAIVE_ONLY);
  if (drawn) {
    let total = 0;
    for (const w of drawn.weights) total += w;
    for (let h = 0; h < horizon; h++) {
      let sum = 0;
      for (let k = 0; k < drawn.forecasts.length; k++) sum += drawn.weights[k] * drawn.forecasts[k][h];
      values[h] = Math.max(0, sum / total);
    }
  }
  return { values, used: activeMembers(members, weights) };
}

/** combineWith under the series' segment weights. */
export function combineForecast(
  members: MemberForecasts,
  traits: HistoryTraits,
  horizon: number,
  entries: ReadonlyMap<string, CombinationEntry>,
): { values: Float64Array; used: MemberName[] } {
  return combineWith(members, entryFor(entries, traits)?.weights ?? {}, horizon);
}
