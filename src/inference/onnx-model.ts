import * as ort from 'onnxruntime-node';
import { TensorSpec } from '../registry/model-manifest';
import { OnnxModelIncompatibleError } from './onnx-model-incompatible.error';

export interface SessionOptions {
  intraOpThreads: number;
  interOpThreads: number;
}

/** The only wrapper around onnxruntime-node: a loaded session for one [rows, columns] -> [rows, 1] regressor. */
export class OnnxModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly io: { input: TensorSpec; output: TensorSpec },
  ) {}

  /** Loads the graph (a file, or bytes not yet registered) and checks its input and output against the manifest. */
  static async load(model: string | Uint8Array, io: { input: TensorSpec; output: TensorSpec }, options: SessionOptions): Promise<OnnxModel> {
    const session = await ort.InferenceSession.create(model as string, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.intraOpThreads,
      interOpNumThreads: options.interOpThreads,
      // Arena growth pays off for long-lived sessions with varying batch sizes; the default keeps it.
      enableCpuMemArena: true,
    });
    const problems = OnnxModel.incompatibilities(session, io);
    if (problems.length > 0) {
      await session.release();
      throw new OnnxModelIncompatibleError(problems);
    }
    return new OnnxModel(session, io);
  }

  private static incompatibilities(session: ort.InferenceSession, io: { input: TensorSpec; output: TensorSpec }): string[] {
    const problems: string[] = [];
    if (!session.inputNames.includes(io.input.name)) {
      problems.push(`graph has no input "${io.input.name}" (inputs: ${session.inputNames.join(', ')})`);
    }
    if (!session.outputNames.includes(io.output.name)) {
      problems.push(`graph has no output "${io.output.name}" (outputs: ${session.outputNames.join(', ')})`);
    }
    const input = session.inputMetadata.find((m) => m.name === io.input.name);
    if (input?.isTensor) {
      const columns = input.shape[1];
      if (input.type !== 'float32') problems.push(`input "${io.input.name}" has type ${input.type}, expected float32`);
      if (typeof columns === 'number' && columns !== io.input.shape[1]) {
        problems.push(`input "${io.input.name}" has ${columns} columns, the manifest says ${io.input.shape[1]}`);
      }
    }
    return problems;
  }

  /** Scores `rowCount` rows in one run; returns one prediction per row. */
  async run(data: Float32Array, rowCount: number, columnCount: number): Promise<Float32Array> {
    const input = new ort.Tensor('float32', data, [rowCount, columnCount]);
    const outputs = await this.session.run({ [this.io.input.name]: input }, [this.io.output.name]);
    const output = outputs[this.io.output.name];
    const values = output.data as Float32Array;
    if (values.length !== rowCount) {
      throw new OnnxModelIncompatibleError([`output "${this.io.output.name}" has ${values.length} values for ${rowCount} rows`]);
    }
    return values;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
