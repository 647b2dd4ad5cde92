// An imported VAE (ModelConfig.model 'onnx'): the user's encoder and decoder ONNX files run by ONNX Runtime on a
// thread of their own (syncRunner.ts), the likelihood, KL and ELBO by the engine as for our own models. Images
// are our flat NHWC rows in [0, 1]; an NCHW model gets them transposed. Nothing here is trainable.
import * as tf from '@tensorflow/tfjs-core';
import { onnxArchitecture } from '../../../shared/onnxModel';
import type { ModelConfig } from '../../../shared/types';
import { UserError } from '../../../shared/userError';
import { elboTerms, type ElboTerms } from '../../elbo';
import { logLikelihood } from '../../likelihoods';
import { VaeBase, type Posterior } from '../base';
import { meanLogLikelihood } from './meanLikelihood';
import type { WireTensor } from './messages';
import { OnnxFailure, SyncOnnxRunner } from './syncRunner';

/** The two files' bytes and the names errors call them by. */
export interface OnnxFiles {
  encoder: Uint8Array;
  decoder: Uint8Array;
  encoderName: string;
  decoderName: string;
}

export class OnnxVae extends VaeBase {
  private readonly logScale: tf.Scalar;

  private constructor(
    config: ModelConfig,
    private readonly runner: SyncOnnxRunner,
    /** Which runtime runs the files, for the overview and the benchmark. */
    readonly runtime: string,
    private readonly names: { encoder: string; decoder: string },
  ) {
    super(config, onnxArchitecture(config), new Map());
    this.logScale = tf.keep(tf.scalar(Math.log(typeof config.decoderScale === 'number' ? config.decoderScale : 1)));
  }

  /**
   * Loads both files into ONNX Runtime; a file it cannot load is a UserError naming it. `exists` finds the
   * runtime's thread script (the engine does no I/O of its own).
   */
  static async open(config: ModelConfig, files: OnnxFiles, exists: (file: string) => boolean): Promise<OnnxVae> {
    if (!config.onnx) throw new Error('OnnxVae needs config.onnx');
    try {
      const { runner, runtime } = await SyncOnnxRunner.start(files.encoder, files.decoder, exists);
      return new OnnxVae(config, runner, runtime, { encoder: files.encoderName, decoder: files.decoderName });
    } catch (err) {
      if (err instanceof OnnxFailure) {
        const file = err.net === 'encoder' ? files.encoderName : err.net === 'decoder' ? files.decoderName : 'ONNX Runtime';
        throw new UserError(`${file}: ONNX Runtime cannot load it: ${err.message}`);
      }
      throw err;
    }
  }

  private get spec() {
    return this.config.onnx!;
  }

  /** Runs one network; a runtime error or a non-finite output is a UserError naming the file. */
  private run(net: 'encoder' | 'decoder', feeds: Record<string, WireTensor>): Record<string, WireTensor> {
    const file = this.names[net];
    let out: Record<string, WireTensor>;
    try {
      out = this.runner.run(net, feeds);
    } catch (err) {
      if (err instanceof OnnxFailure) throw new UserError(`${file}: ONNX Runtime failed to run it: ${err.message}`);
      throw err;
    }
    for (const [name, t] of Object.entries(out)) {
      const bad = t.data.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new UserError(`${file}: output "${name}" [${t.dims.join(', ')}] holds ${t.data[bad]} at index ${bad}; the model must output finite numbers.`);
    }
    return out;
  }

  private expectDims(file: string, name: string, t: WireTensor | undefined, want: number[]): WireTensor {
    if (!t) throw new UserError(`${file}: output "${name}" is missing.`);
    if (t.dims.length !== want.length || t.dims.some((d, i) => d !== want[i])) {
      throw new UserError(`${file}: output "${name}" has shape [${t.dims.join(', ')}]; expected [${want.join(', ')}].`);
    }
    return t;
  }

  override encode(x: tf.Tensor2D): Posterior {
    const [h, w, c] = this.config.inputShape;
    const n = x.shape[0];
    const d = this.config.latentDim;
    if (n === 0) return { mu: tf.zeros([0, d]), logvar: tf.zeros([0, d]) };
    const nchw = this.spec.layout === 'nchw';
    const input = tf.tidy(() => (nchw ? tf.transpose(tf.reshape(x, [n, h, w, c]), [0, 3, 1, 2]) : x));
    const data = Float32Array.from(input.dataSync());
    input.dispose();
    const io = this.spec.io;
    const out = this.run('encoder', { [io.x]: { data, dims: nchw ? [n, c, h, w] : [n, h, w, c] } });
    const mu = this.expectDims(this.names.encoder, io.mu, out[io.mu], [n, d]);
    const logvar = this.expectDims(this.names.encoder, io.logvar, out[io.logvar], [n, d]);
    return { mu: tf.tensor2d(mu.data, [n, d]), logvar: tf.tensor2d(logvar.data, [n, d]) };
  }

  /** The decoder's output as our flat NHWC rows: logits, or the mean itself (see decoderOutput). */
  override decodeRaw(z: tf.Tensor2D): tf.Tensor2D {
    const [h, w, c] = this.config.inputShape;
    const n = z.shape[0];
    if (n === 0) return tf.zeros([0, h * w * c]);
    const io = this.spec.io;
    const out = this.run('decoder', { [io.z]: { data: Float32Array.from(z.dataSync()), dims: [n, this.config.latentDim] } });
    const nchw = this.spec.layout === 'nchw';
    const y = this.expectDims(this.names.decoder, io.out, out[io.out], nchw ? [n, c, h, w] : [n, h, w, c]);
    return tf.tidy(() => {
      const t = tf.tensor4d(y.data, y.dims as [number, number, number, number]);
      return tf.reshape(nchw ? tf.transpose(t, [0, 2, 3, 1]) : t, [n, h * w * c]) as tf.Tensor2D;
    });
  }

  override decode(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const raw = this.decodeRaw(z);
      return this.spec.decoderOutput === 'logits' ? tf.sigmoid(raw) : tf.clipByValue(raw, 0, 1);
    });
  }

  logLikelihood(x: tf.Tensor2D, raw: tf.Tensor2D): tf.Tensor1D {
    if (this.spec.decoderOutput === 'logits') return logLikelihood(this.config.likelihood, x, raw, this.logScale);
    return meanLogLikelihood(this.config.likelihood, x, raw, this.logScale);
  }

  lossTerms(x: tf.Tensor2D, seed: number): ElboTerms {
    return elboTerms(this, x, seed);
  }

  override dispose(): void {
    super.dispose();
    this.logScale.dispose();
    this.runner.close();
  }
}
