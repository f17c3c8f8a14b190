import { combineWith, entryFor, MemberForecasts } from './combination';
import { CombinationEntry, EnsembleSpec, IntervalEntry, MemberName, MEMBERS, SeriesModels } from './ensemble-spec';
import { GlobalMembers } from './global-members';
import { calibratedInterval } from './intervals';
import { historyTraits, HistoryTraits } from './segments';
import { historySupports, statisticalMembers } from './statistical-members';

/** The ensemble spec with its lists indexed by key once, when a model is loaded. */
export interface LoadedEnsemble {
  spec: EnsembleSpec;
  combinations: ReadonlyMap<string, CombinationEntry>;
  intervals: ReadonlyMap<string, IntervalEntry>;
}

export function loadEnsemble(spec: EnsembleSpec): LoadedEnsemble {
  return {
    spec,
    combinations: new Map(spec.combinations.map((e) => [e.key, e])),
    intervals: new Map(spec.intervals.map((e) => [e.key, e])),
  };
}

export interface SeriesForecastInput {
  values: ArrayLike<number>;
  horizon: number;
  /** The trees' and the smoothing's forecasts in units, when the history is long enough for the trees. */
  global?: GlobalMembers;
  /** Parameters fitted to this series in training, when it was a training series. */
  shipped?: SeriesModels;
  /** Compute every member, not only those the series' weights use (evaluation reports each one alone). */
  allMembers?: boolean;
}

export interface EnsembleForecast {
  values: Float64Array;
  /** The calibrated interval; absent only when training calibrated none for series like this one. */
  lower?: Float64Array;
  upper?: Float64Array;
  /** The members that carried weight, heaviest first, ETS by its form: `ets(M,Ad,M)+theta+trees`. */
  method: string;
  /** Why these members: worded for a planner. */
  reasons: string[];
  traits: HistoryTraits;
  /** Every member's own forecast, for evaluation and monitoring. */
  members: MemberForecasts;
}

/**
 * The members a combination can draw on for this series: the weighted ones it has, or, when it has none of them,
 * the fallbacks combineStep takes (the ETS–Theta pair, then naive). Computing only these is what keeps serving
 * from running every method for every series.
 */
function neededMembers(weights: Partial<Record<MemberName, number>>, traits: HistoryTraits, length: number, global: boolean): Set<MemberName> {
  const available = (m: MemberName) => (m === 'trees' || m === 'smoothing' ? global : historySupports(m, length, traits));
  const weighted = MEMBERS.filter((m) => (weights[m] ?? 0) > 0 && available(m));
  return new Set<MemberName>(weighted.length > 0 ? weighted : ['ets', 'theta', 'naive']);
}

function memberLabel(name: MemberName, models: SeriesModels): string {
  if (name === 'ets' && models.ets) return models.ets.label;
  return name;
}

/** members → segment weights per step → combination → calibrated interval, for one series. */
export function ensembleForecast(input: SeriesForecastInput, ensemble: LoadedEnsemble): EnsembleForecast {
  const minTreeHistory = ensemble.spec.minTreeHistory;
  const { values, horizon } = input;
  const traits = historyTraits(values);
  const weights = entryFor(ensemble.combinations, traits)?.weights ?? {};
  const needed = input.allMembers ? undefined : neededMembers(weights, traits, values.length, input.global !== undefined);
  const stats = statisticalMembers(values, horizon, traits, input.shipped, needed);
  const members: MemberForecasts = { ...stats.forecasts };
  if (input.global) {
    members.trees = input.global.trees;
    if (input.global.smoothing) members.smoothing = input.global.smoothing;
  }

  const { values: point, used } = combineWith(members, weights, horizon);
  const interval = calibratedInterval(values, traits, point, ensemble.intervals);

  const method = used.map((m) => memberLabel(m, stats.models)).join('+');
  const reasons: string[] = [];
  if (minTreeHistory !== null && values.length < minTreeHistory) {
    reasons.push(`history of ${values.length} months is shorter than the ${minTreeHistory} the global model needs: forecast by ${method}`);
  }
  if (values.length < 12) {
    const seasonalEts = stats.models.ets !== undefined && stats.models.ets.form.season !== 'N';
    reasons.push(
      seasonalEts
        ? 'history shorter than a year: the seasonality is the one fitted to this series in training'
        : 'history shorter than a year: no seasonality estimated',
    );
  }
  if (traits.zeroShare >= 0.3) reasons.push(`intermittent demand (${Math.round(traits.zeroShare * 100)}% zero months): intermittent-demand method considered`);
  if (stats.refitted && input.shipped === undefined) reasons.push('series not seen in training: per-series models fitted on this history');
  return { values: point, lower: interval?.lower, upper: interval?.upper, method, reasons, traits, members };
}
