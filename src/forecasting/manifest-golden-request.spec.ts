import { promises as fs } from 'node:fs';
import { Max } from 'class-validator';
import { dtoJsonSchema } from '../common/dto-json-schema';
import { goldenRequestSchema } from '../registry/manifest-schema-document';
import { sampleManifest } from '../registry/manifest.fixture';
import { ModelManifest } from '../registry/model-manifest';
import committed from '../registry/model-manifest.schema.json';
import { createManifestValidator, validateManifest } from '../registry/validate-manifest';
import { ForecastRequestDto } from './forecast-request.dto';
import { deriveManifestSchema, generateManifestSchema, MANIFEST_SCHEMA_FILE } from './manifest-golden-request';

// The same request with one rule added, as an edit to the DTO would add it (applied as @Max(2) on `horizon`).
class AtMostTwoMonthsRequestDto extends ForecastRequestDto {}
Max(2)(AtMostTwoMonthsRequestDto.prototype, 'horizon');

function problemsOf(validate: (m: unknown, where: string) => ModelManifest, manifest: ModelManifest): string[] {
  try {
    validate(manifest, 'x');
    return [];
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
}

function withGoldenHorizon(horizon: number): ModelManifest {
  const manifest = sampleManifest(2);
  const golden = manifest.golden[0];
  golden.request.horizon = horizon;
  golden.expected = golden.request.series.map(() => Array.from({ length: horizon }, () => 1));
  return manifest;
}

describe('the manifest schema golden requests', () => {
  it('are checked by the schema derived from the forecast request DTO', () => {
    expect(goldenRequestSchema(committed)).toEqual(dtoJsonSchema(ForecastRequestDto));
  });

  it('are committed as generated: run `npm run manifest-schema` when this fails', async () => {
    expect(await fs.readFile(MANIFEST_SCHEMA_FILE, 'utf8')).toBe(generateManifestSchema());
  });

  it('follow a rule changed in the DTO with no other edit', () => {
    const validateWithChangedDto = createManifestValidator(deriveManifestSchema(AtMostTwoMonthsRequestDto));
    expect(problemsOf(validateManifest, withGoldenHorizon(3))).toEqual([]);
    expect(problemsOf(validateWithChangedDto, withGoldenHorizon(2))).toEqual([]);
    expect(problemsOf(validateWithChangedDto, withGoldenHorizon(3))).toEqual(['/golden/0/request/horizon must be <= 2']);
  });

  it.each<[string, (m: ModelManifest) => void, string]>([
    ['a quantity the service rejects', (m) => (m.golden[0].request.series[0].history.values[0] = 1e13), '/golden/0/request/series/0/history/values/0'],
    ['a sku longer than the service takes', (m) => (m.golden[0].request.series[0].sku = 'S'.repeat(101)), '/golden/0/request/series/0/sku'],
    ['an unknown request field', (m) => Object.assign(m.golden[0].request, { extra: 1 }), '/golden/0/request'],
  ])('reject %s, as POST /v1/forecast would', (_name, mutate, path) => {
    const manifest = sampleManifest(2);
    mutate(manifest);
    expect(problemsOf(validateManifest, manifest).join('\n')).toContain(path);
  });
});
