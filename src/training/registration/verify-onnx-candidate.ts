import * as ort from 'onnxruntime-node';
import { buildForecastMatrix } from '../../features/feature-builder';
import { DomainError } from '../../common/domain-error';
import { GoldenExample, TensorSpec } from '../../registry/model-manifest';
import { FeatureSpec } from '../../features/feature-spec';
import { toSeriesHistory } from '../golden/golden-examples';

/** The exported ONNX model does not reproduce what training computed; it must not be registered. */
export class CandidateVerificationError extends DomainError {
  readonly code = 'CANDIDATE_VERIFICATION_FAILED';
  readonly httpStatus = 500;
}

export interface CandidateDescription {
  io: { input: TensorSpec; output: TensorSpec };
  features: FeatureSpec;
  golden: GoldenExample[];
}

/**
 * Loads the ONNX bytes in onnxruntime-node, as serving will, and checks that every golden example comes out
 * within its tolerance. Returns the largest absolute difference seen. The service repeats this at startup.
 */
export async function verifyOnnxCandidate(onnx: Buffer, candidate: CandidateDescription): Promise<number> {
  const session = await ort.InferenceSession.create(onnx, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    if (!session.inputNames.includes(candidate.io.input.name) || !session.outputNames.includes(candidate.io.output.name)) {
      throw new CandidateVerificationError(
        `the ONNX graph has inputs ${session.inputNames.join(', ')} and outputs ${session.outputNames.join(', ')}, not ${candidate.io.input.name} -> ${candidate.io.output.name}`,
      );
    }
    let largest = 0;
    for (const example of candidate.golden) {
      const matrix = buildForecastMatrix(example.request.series.map(toSeriesHistory), example.request.horizon, candidate.features);
      const input = new ort.Tensor('float32', matrix.data, [matrix.rowCount, matrix.columnCount]);
      const output = await session.run({ [candidate.io.input.name]: input });
      const predictions = output[candidate.io.output.name].data as Float32Array;
      example.expected.forEach((expectedSeries, i) =>
        expectedSeries.forEach((expected, h) => {
          const actual = Math.max(0, predictions[i * example.request.horizon + h] * matrix.profiles[i].scale);
          const difference = Math.abs(actual - expected);
          largest = Math.max(largest, difference);
          // The same rule as the service's startup check, so a candidate that passes here passes there.
          if (!(difference <= Math.max(example.tolerance.absolute, example.tolerance.relative * Math.abs(expected)))) {
            throw new CandidateVerificationError(
              `golden example "${example.name}" series ${i} step ${h + 1}: ONNX gives ${actual}, training computed ${expected}`,
            );
          }
        }),
      );
    }
    return largest;
  } finally {
    await session.release();
  }
}
