import { PanelForecast, PanelForecaster } from './panel-forecaster';
import { SeriesHistory } from '../features/feature-builder';
import { MonthIndex } from '../features/month';
import { cutPanel } from './cut-panel';
import { seasonalNaiveScale } from './point-metrics';
import { historyLengthSegment, mean, SegmentLabels, volumeQuartiles, zeroShareSegment } from './segments';

/** One series at one origin with every method's forecast of it: the unit that all tables aggregate. */
export interface SeriesOutcome {
  offset: number;
  seriesIndex: number;
  country: string;
  sku: string;
  cut: MonthIndex;
  segments: SegmentLabels;
  /** MASE scale from the history up to the cut; NaN when there is none. */
  scale: number;
  /** Scored months after the cut, steps 1..actuals.length. */
  actuals: number[];
  forecasts: Record<string, PanelForecast>;
}

export interface OriginRun {
  offset: number;
  series: number;
  points: number;
  /** Series left out of this origin for having too little history before their cut. */
  tooShort: number;
  firstCut?: MonthIndex;
  lastCut?: MonthIndex;
}

export interface EvaluationRun {
  methods: string[];
  horizon: number;
  minHistory: number;
  origins: OriginRun[];
  outcomes: SeriesOutcome[];
}

export interface EvaluationSettings {
  originOffsets: number[];
  horizon: number;
  minHistory: number;
}

/** A method broke the PanelForecaster contract (wrong count, short or non-finite forecasts); a failure, not bad data. */
export class ForecasterContractError extends Error {}

function checkForecasts(method: string, forecasts: PanelForecast[], expected: number, horizon: number): void {
  if (forecasts.length !== expected) throw new ForecasterContractError(`${method} returned ${forecasts.length} forecasts for ${expected} series`);
  forecasts.forEach((f, i) => {
    const bad = f.values.length < horizon || f.values.slice(0, horizon).some((v) => !Number.isFinite(v) || v < 0);
    if (bad) throw new ForecasterContractError(`${method} returned for series ${i} ${f.values.length} values, not ${horizon} finite non-negative ones`);
    for (const bound of [f.lower, f.upper]) {
      if (bound && bound.length < horizon) throw new ForecasterContractError(`${method} returned an interval shorter than ${horizon} for series ${i}`);
    }
  });
}

/**
 * Rolling-origin evaluation: at each offset every series is cut at its own last month minus the offset, each
 * method forecasts the cut panel (its own copy, having seen nothing after the cuts) and is scored on the months
 * after the cut that exist, so all methods are scored on exactly the same points.
 */
export async function runEvaluation(
  panel: SeriesHistory[],
  forecasters: PanelForecaster[],
  settings: EvaluationSettings,
  onProgress: (message: string) => void = () => undefined,
): Promise<EvaluationRun> {
  const { horizon, minHistory } = settings;
  const origins: OriginRun[] = [];
  const outcomes: SeriesOutcome[] = [];
  for (const offset of settings.originOffsets) {
    const cut = cutPanel(panel, offset, horizon, minHistory);
    const steps = Math.min(horizon, offset);
    const quartiles = volumeQuartiles(cut.series.map((s) => mean(s.history.values)));
    const atOrigin: SeriesOutcome[] = cut.series.map((s, i) => ({
      offset,
      seriesIndex: s.seriesIndex,
      country: s.history.country,
      sku: s.history.sku,
      cut: s.cut,
      segments: {
        'history length': historyLengthSegment(s.history.values.length),
        'share of zeros': zeroShareSegment(s.history.values),
        'volume quartile': quartiles[i],
        country: s.history.country,
      },
      scale: seasonalNaiveScale(s.history.values),
      actuals: s.actuals,
      forecasts: {},
    }));
    if (cut.series.length > 0) {
      for (const forecaster of forecasters) {
        const started = Date.now();
        const copy = cut.series.map((s) => ({ ...s.history, attributes: s.history.attributes && { ...s.history.attributes }, values: [...s.history.values] }));
        const forecasts = await forecaster.forecast(copy, horizon);
        checkForecasts(forecaster.name, forecasts, copy.length, steps);
        forecasts.forEach((f, i) => (atOrigin[i].forecasts[forecaster.name] = f));
        onProgress(`origin -${offset}: ${forecaster.name} forecast ${copy.length} series in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }
    const cuts = cut.series.map((s) => s.cut);
    origins.push({
      offset,
      series: cut.series.length,
      points: atOrigin.reduce((sum, o) => sum + o.actuals.length, 0),
      tooShort: cut.tooShort,
      firstCut: cuts.length > 0 ? Math.min(...cuts) : undefined,
      lastCut: cuts.length > 0 ? Math.max(...cuts) : undefined,
    });
    outcomes.push(...atOrigin);
  }
  return { methods: forecasters.map((f) => f.name), horizon, minHistory, origins, outcomes };
}
