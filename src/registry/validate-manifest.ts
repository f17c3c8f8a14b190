import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../common/dto-json-schema';
import { featureNames, minimumHistory } from '../features/feature-names';
import { ManifestInvalidError } from './manifest-invalid.error';
import { ModelManifest } from './model-manifest';
import schema from './model-manifest.schema.json';


function crossFieldProblems(m: ModelManifest): string[] {
  const problems: string[] = [];
  const expectedNames = featureNames(m.features);
  if (JSON.stringify(expectedNames) !== JSON.stringify(m.features.names)) {
    problems.push(`features.names must be ${JSON.stringify(expectedNames)} for this feature specification`);
  }
  if (m.features.minHistory < minimumHistory(m.features)) {
    problems.push(`features.minHistory must be at least ${minimumHistory(m.features)}`);
  }
  if (m.features.maxHorizon !== m.maxHorizon) problems.push('features.maxHorizon must equal maxHorizon');
  const inputShape = m.io.input.shape;
  if (inputShape.length !== 2 || inputShape[1] !== m.features.names.length) {
    problems.push(`io.input.shape must be [batch, ${m.features.names.length}]`);
  }
  if (m.intervals && (m.intervals.lowerRatio.length < m.maxHorizon || m.intervals.upperRatio.length < m.maxHorizon)) {
    problems.push('intervals must give a ratio for every step up to maxHorizon');
  }
  for (const metric of Object.keys(m.metrics)) {
    if (!(metric in m.metricDirections)) problems.push(`metricDirections must say which way metric "${metric}" is better`);
  }
  m.golden.forEach((g, i) => {
    if (g.request.horizon > m.maxHorizon) problems.push(`golden[${i}].request.horizon exceeds maxHorizon`);
    if (g.expected.length !== g.request.series.length || g.expected.some((e) => e.length !== g.request.horizon)) {
      problems.push(`golden[${i}].expected must hold horizon values for each series`);
    }
  });
  for (const ref of [...(m.drift?.features ?? []), ...(m.drift ? [m.drift.prediction] : [])]) {
    if (ref.kind === 'numeric') {
      if (ref.shares.length !== ref.edges.length + 1) problems.push(`drift reference "${ref.name}" needs edges.length + 1 shares`);
      if (ref.edges.some((e, i) => i > 0 && e <= ref.edges[i - 1])) problems.push(`drift reference "${ref.name}" edges must ascend`);
      if (ref.cellShares?.some((cell) => cell.length !== ref.shares.length)) problems.push(`drift reference "${ref.name}" cellShares need one share per bin`);
    }
    const cells = m.drift?.conditioning?.cellRows.length;
    if (ref.cellShares && ref.cellShares.length !== cells) problems.push(`drift reference "${ref.name}" needs cellShares for each of the ${cells ?? 0} conditioning cells`);
  }
  for (const segment of m.drift?.segments ?? []) {
    const bins = segment.groups.reduce((n, g) => n + g.edges.length + 3, 0) + 1;
    if (segment.shares.length !== bins) problems.push(`drift segment "${segment.name}" needs ${bins} shares (below, inside and above per group, then unknown)`);
    for (const name of [segment.feature, segment.by]) if (!m.features.names.includes(name)) problems.push(`drift segment "${segment.name}" names "${name}", not a model input`);
  }
  const conditioning = m.drift?.conditioning;
  if (conditioning) {
    for (const column of [conditioning.originMonthColumn, conditioning.horizonColumn]) {
      if (!m.features.names.includes(column)) problems.push(`drift conditioning column "${column}" is not a model input`);
    }
    if (conditioning.cellRows.length !== 12 * conditioning.horizonBuckets.length) problems.push('drift conditioning needs 12 × horizonBuckets cells');
  }
  return problems;
}

export type ManifestValidator = (candidate: unknown, where: string) => ModelManifest;

/** The manifest validator for a schema document: the committed one below, or in specs a variant derived from it. */
export function createManifestValidator(document: JsonSchema): ManifestValidator {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validateSchema = ajv.compile(document);
  return (candidate, where) => {
    if (!validateSchema(candidate)) {
      const problems = (validateSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      throw new ManifestInvalidError(where, problems);
    }
    const manifest = candidate as unknown as ModelManifest;
    const problems = crossFieldProblems(manifest);
    if (problems.length > 0) throw new ManifestInvalidError(where, problems);
    return manifest;
  };
}

/**
 * The one manifest validator, used by serving before a model loads and by training before it registers one.
 * `where` names the model and version in error messages.
 */
export const validateManifest: ManifestValidator = createManifestValidator(schema);
