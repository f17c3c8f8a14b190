import { SeriesHistory } from '../../features/feature-builder';
import { CombinationEntry } from '../../core/ensemble/ensemble-spec';
import { formatMonth, MonthIndex } from '../../features/month';
import { HORIZON_BUCKETS } from '../../features/horizon-buckets';
import { EvaluationPoint, MethodAccuracy } from '../evaluation/evaluation-table';
import { groupedBarChart, lineChart } from './svg-charts';

export interface CoverageCount {
  inside: number;
  points: number;
}

export interface EvaluationSection {
  /** Where the forecasts start: each series' own end minus an offset. */
  origins: string[];
  series: number;
  points: number;
  methods: Record<string, MethodAccuracy>;
  /** How often the actual fell inside the nominal 80% interval, overall and per step. */
  coverage: { overall: CoverageCount; byStep: CoverageCount[] };
  /** How many series each method (the members carrying weight) served. */
  methodsServed?: Record<string, number>;
}

/** The evaluation as stored in manifest.evaluation and rendered into the Markdown report. */
export interface EvaluationReport {
  holdout: EvaluationSection & { months: { first: string; last: string } };
  backtest: EvaluationSection;
  holtWinters: { additive: number; multiplicative: number };
  /** The registered model's combination weights per segment, learnt on its backtest. */
  combination: CombinationEntry[];
  /** Why the figures may not be evidence (too few series or points). */
  warnings: string[];
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
  ets: 'ETS alone (AICc)',
  theta: 'Theta alone',
  trees: 'GBDT alone',
};
const COLORS: Record<string, string> = { model: '#1f77b4', seasonal_naive: '#aaaaaa', holt_winters: '#ff7f0e', ets: '#9467bd', theta: '#8c564b', trees: '#9ecae1' };
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

function coverageLines(section: EvaluationSection): string[] {
  const c = section.coverage;
  const share = (x: CoverageCount) => (x.points > 0 ? pct(x.inside / x.points) : 'n/a');
  const buckets = HORIZON_BUCKETS.map((b) => {
    const steps = c.byStep.slice(b.from - 1, Number.isFinite(b.to) ? b.to : undefined);
    return { label: b.label, count: steps.reduce((sum, s) => ({ inside: sum.inside + s.inside, points: sum.points + s.points }), { inside: 0, points: 0 }) };
  }).filter((b) => b.count.points > 0);
  return [
    `Nominal 80% interval: ${share(c.overall)} of ${c.overall.points} actuals inside.`,
    '',
    `| months ahead | ${buckets.map((b) => b.label).join(' | ')} |`,
    `| --- | ${buckets.map(() => '---:').join(' | ')} |`,
    `| coverage | ${buckets.map((b) => share(b.count)).join(' | ')} |`,
  ];
}

function combinationLines(entries: CombinationEntry[]): string[] {
  return [
    '| segment (history months \\| zeros \\| months ahead) | weights | backtest points |',
    '| --- | --- | ---: |',
    ...entries.map((e) => `| ${e.key.replace(/\|/g, ' \\| ')} | ${Object.entries(e.weights).map(([m, w]) => `${m} ${w!.toFixed(1)}`).join(', ')} | ${e.points} |`),
  ];
}

/** The Markdown page and its SVG charts; pure, so the report is a function of the evaluation. */
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
    ...(e.warnings.length > 0 ? ['## Warnings', '', ...e.warnings.map((w) => `- ${w}`), ''] : []),
    `## Holdout: the last 18 months of every series`,
    '',
    `Forecasts from ${e.holdout.origins[0]} by a whole model (trees, per-series models, weights, intervals) trained only on the months before each series' cut-off, for ${e.holdout.series} series; all methods on the same ${e.holdout.points} points.`,
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
    ...coverageLines(e.holdout),
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
    `The registered model's backtest: each series cut at its own end minus each offset, trees and per-series models trained on the cut data only. ${e.backtest.series} series, ${e.backtest.points} points. The combination weights and interval quantiles below were chosen on these points, so the model's figures here are in-sample for those few numbers.`,
    '',
    ...overallTable(e.backtest.methods),
    '',
    ...breakdownTable(e.backtest.methods, 'byHorizonBucket', 'months ahead'),
    '',
    ...coverageLines(e.backtest),
    '',
    '### Combination weights',
    '',
    ...combinationLines(e.combination),
    '',
    '## Method notes',
    '',
    `- Holt-Winters: damped trend, additive and multiplicative seasonality fitted per series and origin by Nelder–Mead on the in-sample one-step SSE; the lower SSE wins (holdout: ${e.holtWinters.multiplicative} multiplicative, ${e.holtWinters.additive} additive).`,
    '- Seasonal naive: the same month of the latest observed year (naive under a year of history).',
    '- Model: per segment (history length, share of zeros, months ahead) a weighted mean of ETS (AICc-selected, fitted per series), Theta, the global GBDT (series with its minimum history), an intermittent-demand method (series with zeros), seasonal naive and naive; weights on a 0.1 grid minimise backtest WAPE. Intervals: per series scale × per-segment, per-step quantiles of scaled backtest errors.',
    '',
    '## Example series',
    '',
    ...context.examples.map((_, i) => `![Example ${i + 1}](${chartFolder}/example-${i + 1}.svg)`),
    '',
  ];
  return { markdown: lines.join('\n'), charts };
}
