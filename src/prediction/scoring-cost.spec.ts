import fc from 'fast-check';
import { embeddedManifest as manifest, history, trained, unseen } from './embedded-inputs.fixture';
import { estimatedBodyScoringMs, estimatedScoringMs, estimatedSeriesScoringMs } from './scoring-cost';

describe('estimatedScoringMs', () => {
  it('charges series the model has not seen for fitting their own models, about linear in their length', () => {
    expect(estimatedScoringMs(unseen(1), manifest)).toBeGreaterThan(20 * estimatedScoringMs(trained(1), manifest));
    expect(estimatedScoringMs(unseen(10), manifest)).toBeCloseTo(10 * estimatedScoringMs(unseen(1), manifest), 9);
    const long = { ...unseen(1), series: [{ ...unseen(1).series[0], history: history(120) }] };
    expect(estimatedScoringMs(long, manifest)).toBeCloseTo(2 * estimatedScoringMs(unseen(1), manifest), 9);
  });

  it('is the sum of each series\' share, in the request\'s order', () => {
    const input = { horizon: 18, series: [...unseen(3).series, ...trained(2).series] };
    const shares = estimatedSeriesScoringMs(input, manifest);
    expect(shares).toHaveLength(5);
    expect(shares[0]).toBeGreaterThan(shares[4]);
    expect(shares.reduce((sum, ms) => sum + ms, 0)).toBeCloseTo(estimatedScoringMs(input, manifest), 9);
  });

  it('puts a 100-series batch of trained series under the default 20 ms, and a maximal body of unseen ones far above', () => {
    expect(estimatedScoringMs(trained(100), manifest)).toBeLessThan(20);
    expect(estimatedScoringMs(unseen(1000), manifest)).toBeGreaterThan(1000);
  });
});

describe('estimatedBodyScoringMs', () => {
  it('gives a valid body the estimate of the input it validates into', () => {
    for (const input of [trained(1), trained(100), unseen(7), { ...unseen(3), horizon: 4 }, { horizon: 6, series: [...trained(2).series, ...unseen(2).series] }]) {
      expect(estimatedBodyScoringMs(JSON.parse(JSON.stringify(input)), manifest)).toBeCloseTo(estimatedScoringMs(input, manifest), 9);
    }
  });

  it('charges an unreadable horizon as the longest, a series without a readable key as unseen, and nothing for no series', () => {
    expect(estimatedBodyScoringMs({ horizon: 'x', series: trained(1).series }, manifest)).toBeCloseTo(estimatedScoringMs(trained(1), manifest), 9);
    expect(estimatedBodyScoringMs({ horizon: 18, series: [{ ...trained(1).series[0], country: 1 }] }, manifest)).toBeCloseTo(estimatedScoringMs(unseen(1), manifest), 9);
    for (const body of [undefined, null, 3, 'x', [], { series: {} }, { horizon: 1 }]) expect(estimatedBodyScoringMs(body, manifest)).toBe(0);
  });

  it('charges every series as shipped while no model is served', () => {
    expect(estimatedBodyScoringMs(unseen(10), undefined)).toBeCloseTo(10 * estimatedBodyScoringMs(trained(1), manifest), 9);
  });

  it('never throws and never answers a negative or non-finite cost, whatever the body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ horizon: fc.anything(), series: fc.array(fc.anything(), { maxLength: 5 }) })), (body) => {
        const ms = estimatedBodyScoringMs(body, manifest);
        expect(Number.isFinite(ms) && ms >= 0).toBe(true);
      }),
      { seed: 20261202, numRuns: 2000 },
    );
  });
});
