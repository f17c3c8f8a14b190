import { SeriesHistory } from '../features/feature-builder';
import { FeatureSpec } from '../features/feature-spec';
import { fitFeatureSpec } from '../features/fit-feature-spec';
import { formatMonth, MonthIndex } from '../features/month';
import { buildTrainingMatrix, TrainingMatrix } from './dataset/training-matrix';
import { trainGbdt } from './gbdt/train-gbdt';
import { TreeEnsemble } from './gbdt/tree-ensemble';
import { TrainingParams } from './training-params';
import { TrainingProgress } from './training-progress';

export interface FittedModel {
  cutoff: MonthIndex;
  spec: FeatureSpec;
  ensemble: TreeEnsemble;
  matrix: TrainingMatrix;
}

/** The series as known at `cutoff` (later months removed; series that start later left out). */
export function seriesUpTo(series: SeriesHistory[], cutoff: MonthIndex): SeriesHistory[] {
  return series
    .filter((s) => s.start <= cutoff)
    .map((s) => ({ ...s, values: Array.from(s.values).slice(0, cutoff - s.start + 1) }));
}

/** Fits the feature spec and the trees on data up to `cutoff` only, so evaluation after it is out of sample. */
export function fitModelAt(series: SeriesHistory[], cutoff: MonthIndex, params: TrainingParams, progress: TrainingProgress): FittedModel {
  const known = seriesUpTo(series, cutoff);
  const spec = fitFeatureSpec(known, params.features);
  const matrix = buildTrainingMatrix(known, spec, {
    cutoff,
    originMonths: params.originMonths,
    stride: params.originStride,
    recencyHalfLife: params.recencyHalfLife,
    maxRows: params.maxTrainingRows,
    seed: params.seed,
  });
  if (matrix.rowCount === 0) throw new RangeError(`no series has ${spec.minHistory + 1} months up to ${formatMonth(cutoff)} to train on`);
  progress.stage(`trees up to ${formatMonth(cutoff)} (${matrix.rowCount} rows)`, params.gbdt.trees);
  const ensemble = trainGbdt(matrix.data, matrix.rowCount, matrix.columnCount, matrix.targets, {
    ...params.gbdt,
    weights: matrix.weights,
    seed: params.seed,
    onProgress: (done) => progress.update(done),
  });
  progress.stop();
  return { cutoff, spec, ensemble, matrix };
}
