import { PanelForecast, PanelForecaster } from './panel-forecaster';
import { SeriesHistory } from '../features/feature-builder';
import { SeasonalNaiveForecaster } from './baselines/seasonal-naive-forecaster';
import { summarizeEvaluation } from './evaluation-summary';
import { renderEvaluationReport } from './evaluation-report';
import { runEvaluation } from './run-evaluation';

/** Seasonal naive with a ±10% band, so the report has one method with intervals and one without. */
class BandedForecaster implements PanelForecaster {
  readonly name = 'banded';
  async forecast(panel: SeriesHistory[], horizon: number): Promise<PanelForecast[]> {
    const points = await new SeasonalNaiveForecaster().forecast(panel, horizon);
    return points.map((p) => ({ ...p, lower: p.values.map((v) => 0.9 * v), upper: p.values.map((v) => 1.1 * v), method: 'banded' }));
  }
}

const panel = Array.from({ length: 3 }, (_, i) => ({ country: `C${i}`, sku: `S${i}`, start: 24000, values: Array.from({ length: 40 }, (_, t) => 10 + i + (t % 12) + t / 12) }));

async function render(forecasters: PanelForecaster[]) {
  const run = await runEvaluation(panel, forecasters, { originOffsets: [6], horizon: 6, minHistory: 13 });
  return renderEvaluationReport({ title: 'T', facts: [['Data', 'x.csv']], summary: summarizeEvaluation(run), warnings: ['few series'], chartFolder: 'charts' });
}

describe('renderEvaluationReport', () => {
  it('shows coverage only for the methods that give intervals', async () => {
    const { markdown, charts } = await render([new SeasonalNaiveForecaster(), new BandedForecaster()]);
    expect(markdown).toContain('| months ahead | seasonal-naive WAPE | banded WAPE | seasonal-naive Bias | banded Bias | seasonal-naive MASE | banded MASE | banded 80% coverage |');
    expect(markdown).not.toContain('seasonal-naive 80% coverage');
    expect(markdown).toContain('- few series');
    expect(Object.keys(charts)).toContain('coverage-by-horizon.svg');
    expect(markdown).toContain('![Coverage by horizon](charts/coverage-by-horizon.svg)');
  });

  it('says so when no method gives intervals, and draws no coverage chart', async () => {
    const { markdown, charts } = await render([new SeasonalNaiveForecaster()]);
    expect(markdown).toContain('No method gave intervals, so coverage is not reported.');
    expect(markdown).not.toContain('## Interval coverage');
    expect(Object.keys(charts)).not.toContain('coverage-by-horizon.svg');
    for (const svg of Object.values(charts)) expect(svg).toMatch(/^<svg [^>]+>[\s\S]*<\/svg>\n$/);
  });
});
