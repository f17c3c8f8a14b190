import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GbdtOptions, trainGbdt } from '../training/gbdt/train-gbdt';
import { predictTreeEnsemble, TreeEnsemble } from '../training/gbdt/tree-ensemble';
import { exportTreeEnsembleOnnx } from '../training/onnx/export-tree-ensemble';
import { LAG_FEATURE_COUNT, lagTrainingRows } from './lag-features';

export const LAG_MODEL_FILE = 'model.onnx';
export const LAG_META_FILE = 'lag-reference.json';

/** What the lag reference server reads beside its ONNX model. */
export interface LagReferenceMeta {
  name: string;
  maxHorizon: number;
  /** Per step (index 0 = one month ahead): the 10% and 90% quantiles of actual / prediction on the training rows. */
  lowerRatio: number[];
  upperRatio: number[];
  trainingRows: number;
  trees: number;
}

export type LagGbdtParams = Omit<GbdtOptions, 'weights' | 'onProgress'>;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 1;
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * Trains the lag reference's trees on the histories with the project's own GBDT trainer (same options as the
 * served model's trees, so a tree walk costs the same), and writes its ONNX model and meta into `folder`.
 */
export async function trainLagReference(histories: number[][], horizon: number, origins: number, gbdt: LagGbdtParams, folder: string): Promise<{ meta: LagReferenceMeta; ensemble: TreeEnsemble }> {
  const rows = lagTrainingRows(histories, horizon, origins);
  if (rows.rowCount === 0) throw new RangeError(`no series is long enough for one lag training origin at horizon ${horizon}`);
  const ensemble = trainGbdt(rows.data, rows.rowCount, LAG_FEATURE_COUNT, rows.targets, gbdt);
  const fitted = predictTreeEnsemble(ensemble, rows.data, rows.rowCount, LAG_FEATURE_COUNT);
  const ratios: number[][] = Array.from({ length: horizon }, () => []);
  for (let row = 0; row < rows.rowCount; row++) if (fitted[row] > 0) ratios[rows.steps[row] - 1].push(rows.targets[row] / fitted[row]);
  const sorted = ratios.map((r) => r.sort((a, b) => a - b));
  const meta: LagReferenceMeta = {
    name: 'lag-reference',
    maxHorizon: horizon,
    lowerRatio: sorted.map((r) => Math.min(1, quantile(r, 0.1))),
    upperRatio: sorted.map((r) => Math.max(1, quantile(r, 0.9))),
    trainingRows: rows.rowCount,
    trees: ensemble.trees.length,
  };
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(path.join(folder, LAG_MODEL_FILE), exportTreeEnsembleOnnx(ensemble, { featureCount: LAG_FEATURE_COUNT }));
  await fs.writeFile(path.join(folder, LAG_META_FILE), JSON.stringify(meta, null, 2) + '\n');
  return { meta, ensemble };
}
