import { SeriesHistory } from '../../features/feature-builder';
import { SmoothingSpec } from '../../features/feature-spec';
import { formatMonth, MonthIndex } from '../../features/month';
import { HORIZON_BUCKETS } from '../../features/horizon-buckets';
import { EvaluationPoint, MethodAccuracy } from '../evaluation/evaluation-table';
import { groupedBarChart, lineChart } from './svg-charts';

export interface EvaluationSection {
  /** Origins (last month known to the forecast) as YYYY-MM. */
  origins: string[];
  series: number;
  points: number;
  methods: Record<string, MethodAccuracy>;
}

/** The evaluation as stored in manifest.evaluation and rendered into the Markdown report. */
export interface EvaluationReport {
  holdout: EvaluationSection & { months: { first: string; last: string } };
  backtest: EvaluationSection;
  holtWinters: { additive: number; multiplicative: number };
  /** Shift of the raw output learnt from out-of-sample errors (see bias-calibration.ts). */
  biasCalibration: { holdoutModelShift: number; registeredModelShift: number };
  /** Weight of the fixed-parameter damped smoothing in the model's output, chosen on out-of-sample points (see smoothing-blend.ts). */
  smoothingBlend?: { holdoutModelWeight: number; registeredModelWeight: number; smoothing: SmoothingSpec };
  /** Done-when check: model WAPE below both baselines and |bias| no larger than Holt-Winters'. */
  beatsBaselines: boolean;
}

export interface ReportContext {
  title: string;
  facts: [string, string][];
  evaluation: EvaluationReport;
  examples: { series: SeriesHistory; origin: MonthIndex; points: EvaluationPoint[] }[];
  /** Folder of the SVG files, relative to the Markdown file. */
  chartFolder: string;
}

export interface RenderedReport {
  markdown: string;
  /** File name (inside chartFolder) → SVG text. */
  charts: Record<string, string>;
}

const LABELS: Record<string, string> = {
  model: 'Model',
  seasonal_naive: 'Seasonal naive',
  holt_winters: 'Holt-Winters',
  model_uncalibrated: 'GBDT alone, uncalibrated',
  smoothing: 'Damped smoothing (fixed)',
};
const COLORS: Record<string, string> = { model: '#1f77b4', seasonal_naive: '#aaaaaa', holt_winters: '#ff7f0e', model_uncalibrated: '#9ecae1', smoothing: '#2ca02c' };
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)}%` : 'n/a');
const signedPct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%` : 'n/a');

function overallTable(methods: Record<string, MethodAccuracy>): string[] {
  return [
    '| method | WAPE | Forecast Accuracy | Bias | points |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(methods).map(([m, a]) => `| ${LABELS[m] ?? m} | ${pct(a.overall.wape)} | ${pct(a.overall.accuracy)} | ${signedPct(a.overall.bias)} | ${a.overall.points} |`),
  ];
}

function breakdownTable(methods: Record<string, MethodAccuracy>, key: 'byHorizonBucket' | 'byCountry', heading: string): string[] {
  const names = Object.keys(methods);
  const rows = key === 'byHorizonBucket' ? HORIZON_BUCKETS.map((b) => b.label) : Object.keys(methods[names[0]].byCountry);
  return [
    `| ${heading} | ${names.map((m) => `${LABELS[m] ?? m} WAPE`).join(' | ')} | ${names.map((m) => `${LABELS[m] ?? m} bias`).join(' | ')} |`,
    `| --- | ${names.map(() => '---:').join(' | ')} | ${names.map(() => '---:').join(' | ')} |`,
    ...rows
      .filter((r) => methods[names[0]][key][r])
      .map((r) => `| ${r} | ${names.map((m) => pct(methods[m][key][r].wape)).join(' | ')} | ${names.map((m) => signedPct(methods[m][key][r].bias)).join(' | ')} |`),
  ];
}

function exampleChart(example: ReportContext['examples'][number]): string {
  const { series, origin, points } = example;
  const first = Math.max(series.start, origin - 47);
  const last = origin + Math.max(...points.map((p) => p.step));
  const labels: string[] = [];
  for (let m = first; m <= last; m++) labels.push(formatMonth(m));
  const value = (m: number) => (m - series.start < series.values.length ? series.values[m - series.start] : Number.NaN);
  const history = labels.map((_, i) => (first + i <= origin ? value(first + i) : Number.NaN));
  const actual = labels.map((_, i) => (first + i >= origin ? value(first + i) : Number.NaN));
  const forecastLine = (method: string) =>
    labels.map((_, i) => {
      const step = first + i - origin;
      if (step === 0) return value(origin);
      return points.find((p) => p.step === step)?.forecasts[method] ?? Number.NaN;
    });
  return lineChart(
    `${series.country} / ${series.sku}: holdout from ${formatMonth(origin)}`,
    labels,
    [
      { name: 'history', values: history, color: '#333333' },
      { name: 'actual', values: actual, color: '#2ca02c' },
      ...['model', 'holt_winters', 'seasonal_naive'].map((m) => ({ name: LABELS[m], values: forecastLine(m), color: COLORS[m], dashed: true })),
    ],
    (v) => v.toFixed(0),
  );
}

/** The Markdown page and its SVG charts; pure, so the report is a function of the evaluation. */
function smoothingNote(blend: NonNullable<EvaluationReport['smoothingBlend']>): string {
  const s = blend.smoothing;
  return (
    `- Model = (1 − w) × calibrated GBDT + w × damped smoothing. The smoothing is Holt-Winters with fixed parameters (${s.seasonality}, α ${s.alpha}, β ${s.beta}, γ ${s.gamma}, φ ${s.phi}) over the last ${s.window} months, ` +
    `computed in pre-processing as the feature smoothed_forecast (the GBDT also splits on it) and added in the ONNX graph; ` +
    `w minimises out-of-sample WAPE (holdout model: w = ${blend.holdoutModelWeight} from the backtest; registered model: w = ${blend.registeredModelWeight} from backtest and holdout).`
  );
}

export function renderTrainingReport(context: ReportContext): RenderedReport {
  const { evaluation: e, chartFolder } = context;
  const methods = Object.keys(e.holdout.methods);
  const charts: Record<string, string> = {
    // WAPE rather than accuracy: at 96–98% accuracy the bars would all look the same height.
    'wape-by-horizon.svg': groupedBarChart(
      'Holdout WAPE by months ahead (lower is better; accuracy = 1 − WAPE)',
      HORIZON_BUCKETS.map((b) => b.label),
      methods.map((m) => ({ name: LABELS[m] ?? m, color: COLORS[m] ?? '#000', values: HORIZON_BUCKETS.map((b) => e.holdout.methods[m].byHorizonBucket[b.label]?.wape ?? Number.NaN) })),
      (v) => `${(100 * v).toFixed(1)}%`,
      'months ahead',
    ),
  };
  context.examples.forEach((example, i) => (charts[`example-${i + 1}.svg`] = exampleChart(example)));
  const model = e.holdout.methods.model.overall;
  const hw = e.holdout.methods.holt_winters.overall;
  const lines = [
    `# ${context.title}`,
    '',
    'Generated by `npm run train`; do not edit by hand.',
    '',
    ...context.facts.map(([k, v]) => `- **${k}:** ${v}`),
    '',
    `## Holdout: the last 18 months (${e.holdout.months.first} to ${e.holdout.months.last})`,
    '',
    `Forecasts from ${e.holdout.origins[0]} by a model trained only on data up to then, for ${e.holdout.series} series; all methods on the same ${e.holdout.points} points.`,
    `WAPE = Σ|F−A| / ΣA, Forecast Accuracy = 1 − WAPE, Bias = Σ(F−A) / ΣA.`,
    '',
    ...overallTable(e.holdout.methods),
    '',
    `**Verdict:** the bar (WAPE below both baselines, |bias| no larger than Holt-Winters') is ${e.beatsBaselines ? 'met' : 'NOT met'}: ` +
      `WAPE ${pct(model.wape)} against Holt-Winters ${pct(hw.wape)} and seasonal naive ${pct(e.holdout.methods.seasonal_naive.overall.wape)}; ` +
      `|bias| ${pct(Math.abs(model.bias))} against Holt-Winters' ${pct(Math.abs(hw.bias))}.`,
    '',
    '![WAPE by horizon](' + `${chartFolder}/wape-by-horizon.svg)`,
    '',
    '### By horizon bucket (months ahead)',
    '',
    ...breakdownTable(e.holdout.methods, 'byHorizonBucket', 'months ahead'),
    '',
    '### By country (state)',
    '',
    ...breakdownTable(e.holdout.methods, 'byCountry', 'country'),
    '',
    `## Rolling-origin backtest (origins ${e.backtest.origins.join(', ')})`,
    '',
    `Each origin has its own model trained on data up to it; targets end before the holdout starts. ${e.backtest.series} series, ${e.backtest.points} points. Model here is the raw GBDT, before the bias calibration${e.smoothingBlend ? ' and the blend weight' : ''} these points are used to learn.`,
    '',
    ...overallTable(e.backtest.methods),
    '',
    ...breakdownTable(e.backtest.methods, 'byHorizonBucket', 'months ahead'),
    '',
    '## Method notes',
    '',
    `- Holt-Winters: damped trend, additive and multiplicative seasonality fitted per series and origin by Nelder–Mead on the in-sample one-step SSE; the lower SSE wins (holdout: ${e.holtWinters.multiplicative} multiplicative, ${e.holtWinters.additive} additive).`,
    '- Seasonal naive: the same month of the latest observed year.',
    `- Bias calibration: the GBDT's raw output is shifted by its out-of-sample bias at earlier origins (holdout model: ${e.biasCalibration.holdoutModelShift.toFixed(5)} from the backtest; registered model: ${e.biasCalibration.registeredModelShift.toFixed(5)} from backtest and holdout).`,
    ...(e.smoothingBlend ? [smoothingNote(e.smoothingBlend)] : []),
    '',
    '## Example series',
    '',
    ...context.examples.map((_, i) => `![Example ${i + 1}](${chartFolder}/example-${i + 1}.svg)`),
    '',
  ];
  return { markdown: lines.join('\n'), charts };
}
