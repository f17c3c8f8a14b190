import { ModelManifest } from '../registry/model-manifest';
import { Forecaster } from './forecaster';
import { GoldenMismatchError } from './golden-mismatch.error';

const MAX_REPORTED = 5;

/** Answers a validated request: the served path (its scoring threads, or this thread), or training's verifier. */
export type Forecast = Forecaster['forecast'];

/**
 * Runs every golden example of the manifest through `forecast` and throws GoldenMismatchError when a point differs
 * from the expected value by more than max(absolute, relative * |expected|). Also warms the path up.
 */
export async function checkGoldenExamples(manifest: ModelManifest, forecast: Forecast): Promise<void> {
  const where = `${manifest.name} version ${manifest.version}`;
  const mismatches: string[] = [];
  for (const example of manifest.golden) {
    const { forecasts } = await forecast(example.request);
    const { horizon, values } = forecasts;
    const served = forecasts.firstMonths.length;
    const { absolute, relative } = example.tolerance;
    example.expected.forEach((expectedSteps, i) =>
      expectedSteps.forEach((expected, h) => {
        const actual = i < served && h < horizon ? values[i * horizon + h] : undefined;
        const allowed = Math.max(absolute, relative * Math.abs(expected));
        if (actual === undefined || !(Math.abs(actual - expected) <= allowed)) {
          mismatches.push(`"${example.name}" series ${i} step ${h + 1}: expected ${expected}, got ${actual}`);
        }
      }),
    );
  }
  if (mismatches.length > 0) {
    const shown = mismatches.slice(0, MAX_REPORTED);
    if (mismatches.length > MAX_REPORTED) shown.push(`and ${mismatches.length - MAX_REPORTED} more`);
    throw new GoldenMismatchError(where, shown);
  }
}
