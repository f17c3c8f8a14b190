import { ForecastInput } from '../prediction/forecast-input';
import { Forecaster } from '../prediction/forecaster';
import { PipelineResult } from '../prediction/forecast-pipeline';
import { embeddedManifest as manifest, trained, unseen } from '../prediction/embedded-inputs.fixture';
import { estimatedScoringMs } from '../prediction/scoring-cost';
import { SLICE_SCORING_MS } from '../prediction/split-pipeline';
import { admissionWeight, routedForecaster } from './routed-forecaster';

function recording(name: string, calls: string[]): Forecaster {
  return {
    forecast: (input) => {
      calls.push(`${name}:${input.series.length}`);
      return Promise.resolve({} as PipelineResult);
    },
    release: () => {
      calls.push(`${name}:released`);
      return Promise.resolve();
    },
  };
}

describe('routedForecaster', () => {
  it('scores light requests inline and heavy ones on a scoring thread; releases both', async () => {
    const calls: string[] = [];
    const forecaster = routedForecaster(manifest, recording('inline', calls), recording('thread', calls), 20);
    await forecaster.forecast(trained(1));
    await forecaster.forecast(trained(100));
    await forecaster.forecast(unseen(1000));
    await forecaster.forecast(unseen(3));
    await forecaster.forecast(unseen(10));
    await forecaster.release();
    expect(calls).toEqual(['inline:1', 'inline:100', 'thread:1000', 'inline:3', 'thread:10', 'thread:released', 'inline:released']);
  });
});

describe('admissionWeight', () => {
  it('weighs what goes to the scoring threads at its estimate, at most a slice, and light requests, scored at once inline, at 0', () => {
    const body = (input: ForecastInput) => JSON.parse(JSON.stringify(input)) as unknown;
    expect(admissionWeight(body(trained(1)), manifest, 20)).toBe(0);
    expect(admissionWeight(body(trained(100)), manifest, 20)).toBe(0);
    expect(admissionWeight(body(unseen(10)), manifest, 20)).toBeCloseTo(estimatedScoringMs(unseen(10), manifest), 9);
    expect(estimatedScoringMs(unseen(1000), manifest)).toBeGreaterThan(1000);
    expect(admissionWeight(body(unseen(1000)), manifest, 20)).toBe(SLICE_SCORING_MS);
  });

  it('weighs every request in full without threads, where all of them wait for the one thread there is', () => {
    expect(admissionWeight(trained(1), manifest, undefined)).toBeGreaterThan(0);
    expect(admissionWeight(unseen(1000), manifest, undefined)).toBeCloseTo(estimatedScoringMs(unseen(1000), manifest), 9);
    expect(admissionWeight(unseen(3), manifest, undefined)).toBeGreaterThan(admissionWeight(trained(3), manifest, undefined));
  });
});
