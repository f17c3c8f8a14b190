import { ModelManifest } from '../registry/model-manifest';
import { runForecastPipeline, Scorer } from './forecast-pipeline';
import { GoldenMismatchError } from './golden-mismatch.error';

const MAX_REPORTED = 5;

/**
 * Runs every golden example of the manifest through the serving pipeline and throws GoldenMismatchError when a
 * point differs from the expected value by more than max(absolute, relative * |expected|). Also warms the session.
 */
export async function checkGoldenExamples(manifest: ModelManifest, score: Scorer): Promise<void> {
  const where = `${manifest.name} version ${manifest.version}`;
  const mismatches: string[] = [];
  for (const example of manifest.golden) {
    const { points } = await runForecastPipeline(example.request, manifest, score);
    const { absolute, relative } = example.tolerance;
    example.expected.forEach((expectedSteps, i) =>
      expectedSteps.forEach((expected, h) => {
        const actual = points[i]?.[h]?.value;
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
