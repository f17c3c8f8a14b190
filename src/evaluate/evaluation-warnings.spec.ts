import { SeasonalNaiveForecaster } from './baselines/seasonal-naive-forecaster';
import { summarizeEvaluation } from './evaluation-summary';
import { evaluationWarnings } from './evaluation-warnings';
import { runEvaluation } from './run-evaluation';

const COUNTRIES = ['AT', 'BE', 'CH', 'DE'];

function panel(seriesCount: number, months: number) {
  return Array.from({ length: seriesCount }, (_, i) => ({
    country: COUNTRIES[i % COUNTRIES.length],
    sku: `S${i}`,
    start: 24000,
    values: Array.from({ length: months }, (_, t) => 10 + i + (t % 12)),
  }));
}

async function warningsFor(seriesCount: number, months: number, originOffsets: number[]) {
  const run = await runEvaluation(panel(seriesCount, months), [new SeasonalNaiveForecaster()], { originOffsets, horizon: 18, minHistory: 13 });
  return evaluationWarnings(summarizeEvaluation(run));
}

describe('evaluationWarnings', () => {
  it.each([
    { name: '40 series x 18 points: enough everywhere', series: 40, months: 48, origins: [18], expected: [] },
    {
      name: '8 series: few series and points at the origin, quartiles of 2',
      series: 8,
      months: 48,
      origins: [18],
      expected: [
        'origin -18 rests on only 8 series (fewer than 30)',
        'origin -18 rests on only 144 points (fewer than 500)',
        'segment volume quartile Q1 (lowest) rests on only 2 series (fewer than 5); its figures are anecdotal',
        'segment volume quartile Q2 rests on only 2 series (fewer than 5); its figures are anecdotal',
        'segment volume quartile Q3 rests on only 2 series (fewer than 5); its figures are anecdotal',
        'segment volume quartile Q4 (highest) rests on only 2 series (fewer than 5); its figures are anecdotal',
        'segment country AT rests on only 2 series (fewer than 5); its figures are anecdotal',
        'segment country BE rests on only 2 series (fewer than 5); its figures are anecdotal',
        'segment country CH rests on only 2 series (fewer than 5); its figures are anecdotal',
        'segment country DE rests on only 2 series (fewer than 5); its figures are anecdotal',
      ],
    },
    {
      name: 'an origin no series reaches',
      series: 40,
      months: 48,
      origins: [18, 40],
      expected: ['origin -40: no series has 13 months before its cut; this origin is not scored'],
    },
  ])('$name', async ({ series, months, origins, expected }) => {
    expect(await warningsFor(series, months, origins)).toEqual(expected);
  });
});
