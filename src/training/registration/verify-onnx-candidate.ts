import { DomainError } from '../../common/domain-error';
import { OnnxModel } from '../../inference/onnx-model';
import { OnnxModelIncompatibleError } from '../../inference/onnx-model-incompatible.error';
import { inProcessForecaster } from '../../prediction/forecaster';
import { checkGoldenExamples } from '../../prediction/golden-check';
import { GoldenMismatchError } from '../../prediction/golden-mismatch.error';
import { ModelManifest } from '../../registry/model-manifest';

/** The exported ONNX model does not reproduce what training computed; it must not be registered. */
export class CandidateVerificationError extends DomainError {
  readonly code = 'CANDIDATE_VERIFICATION_FAILED';
  readonly httpStatus = 500;
}

/**
 * Loads the ONNX bytes and runs the manifest's golden examples exactly as the service does at startup (same
 * loader, pipeline and tolerance rule), so a candidate that registers is one the service will serve.
 */
export async function verifyOnnxCandidate(onnx: Buffer, manifest: ModelManifest): Promise<void> {
  let model: OnnxModel | undefined;
  try {
    model = await OnnxModel.load(onnx, manifest.io, { intraOpThreads: 1, interOpThreads: 1 });
    await checkGoldenExamples(manifest, inProcessForecaster(manifest, model).forecast);
  } catch (error) {
    if (error instanceof GoldenMismatchError || error instanceof OnnxModelIncompatibleError) {
      throw new CandidateVerificationError(`the exported model is not servable: ${error.message}`);
    }
    throw error;
  } finally {
    await model?.release();
  }
}
