// A VAE whose decoder is a PixelCNN conditioned on z (ModelConfig.decoder 'pixelcnn', the layers in
// shared/networks/pixelcnn.ts): the seed guide's example of posterior collapse. The decoder models
// log p(x|z) = Σ_i log Bern(x_i; σ(l_i(x_<i, z))) exactly, all pixels at once by teacher forcing (the masked
// convolutions read the true image), so the ELBO is exact as for the plain VAE; but a decoder that predicts each
// pixel well from its neighbours can reach a good likelihood without z, and at β = 1 without a remedy the KL
// term then pushes q(z|x) onto the prior. Sampling is sequential: one network pass per pixel (sampler.ts).
//
// decodeRaw(z) returns z itself (the architecture's decoder is the empty network): the pixel logits need the image
// too, which logLikelihood(x, raw) brings, so every caller of logLikelihood(x, decodeRaw(z)) — the ELBO, the IWAE
// bound, the anomaly scores — gets the exact autoregressive likelihood unchanged.
import * as tf from '@tensorflow/tfjs-core';
import { describeModel, validateConfig } from '../../../shared/architecture';
import type { MaskedConvLayer, PixelCnnDesc } from '../../../shared/networks/pixelcnn';
import { Rng } from '../../../shared/rng';
import type { ModelConfig } from '../../../shared/types';
import { bernoulliLogLik } from '../../likelihoods';
import { causalMask, maskedConv2d } from '../../networks/maskedConv';
import { initialWeights } from '../../networks/mlp';
import { checkWeights } from '../base';
import { Vae } from '../vae/vae';
import { sampleSequential, sampleSequentialSync, type SamplingHooks } from './sampler';

/** Seed of the pixel draws when decode() is asked for E[x|z] (which the PixelCNN cannot give in closed form). */
const DECODE_SEED = 0x9c11;

/**
 * Rows scored at once (VaeModel.maxScoredRows): each row's im2col buffer for a 3×3 layer is H·W·(6 taps)·32 floats
 * (600 kB at 28×28), so 256 rows stay near 150 MB; iwae.ts's default of 4096 rows ran the wasm heap out of memory
 * (`eval --iwae-k 1000` on a 28×28 model: "memory access out of bounds").
 */
const MAX_SCORED_ROWS = 256;

export class PixelCnnVae extends Vae {
  readonly maxScoredRows = MAX_SCORED_ROWS;
  readonly pixelcnn: PixelCnnDesc;
  /** Each layer's 0/1 mask, by kernel name (constants, not weights). */
  private readonly masks = new Map<string, tf.Tensor>();

  protected constructor(config: ModelConfig, values: Map<string, Float32Array>) {
    super(config, values);
    this.pixelcnn = this.architecture.pixelcnn!;
    for (const l of this.pixelcnn.layers) {
      const [k] = l.kernelSize;
      this.masks.set(l.kernel, tf.keep(tf.tensor4d(causalMask(k, l.inShape[2], l.outShape[2], l.mask), [k, k, l.inShape[2], l.outShape[2]])));
    }
  }

  /**
   * New weights: the encoder like the plain VAE's; each masked layer's kernel ~ U(±√(6/n)) with n its unmasked
   * fan-in (He et al. 2015's uniform init for ReLU: PyTorch's default, sized for the full k×k, would shrink the signal
   * through the masked stack and leave it untrainable for many steps), the 1×1 output layer 0, biases 0, the
   * conditioning ~ U(±1/√latentDim) (nn.Linear's), from the same seeded stream.
   */
  static override create(config: ModelConfig, seed: number): PixelCnnVae {
    validateConfig(config);
    const arch = describeModel(config);
    const rng = new Rng(seed);
    const values = initialWeights(arch, rng);
    for (const l of arch.pixelcnn!.layers) {
      const fill = (name: string, bound: number) => values.get(name)!.forEach((_, i, v) => (v[i] = rng.uniform(-bound, bound)));
      // the output layer starts at zero: every logit 0, p = ½, so the first steps are not spent undoing large
      // random logits (a loss of 360 nats instead of 14·14·log 2 = 136 at 14×14)
      if (l.cond) fill(l.kernel, Math.sqrt(6 / unmaskedFanIn(l)));
      else values.get(l.kernel)!.fill(0);
      values.get(l.bias)!.fill(0);
      if (l.cond) fill(l.cond, 1 / Math.sqrt(config.latentDim));
    }
    return new PixelCnnVae(config, values);
  }

  static override fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): PixelCnnVae {
    validateConfig(config);
    checkWeights(config, weights);
    return new PixelCnnVae(config, weights);
  }

  /** The per-layer conditioning V_l·z ([B, channels] each), computed once per code. */
  conditioning(z: tf.Tensor2D): (tf.Tensor2D | null)[] {
    return this.pixelcnn.layers.map((l) => (l.cond ? (tf.matMul(z, this.weight(l.cond)) as tf.Tensor2D) : null));
  }

  /**
   * The logit of every pixel of x given the pixels before it and z: images [B, h, w, 1] (any h, w: the sampler
   * runs windows of the image) → logits [B, h, w, 1]. `cond`: conditioning(z) for the same B rows.
   */
  logitsOf(images: tf.Tensor4D, cond: (tf.Tensor2D | null)[]): tf.Tensor4D {
    return tf.tidy(() => {
      let h = images;
      this.pixelcnn.layers.forEach((l: MaskedConvLayer, i) => {
        const y = maskedConv2d(h, this.weight(l.kernel), this.masks.get(l.kernel)!, this.weight(l.bias), cond[i], l.activation === 'relu');
        h = l.residual ? tf.add(h, y) : y;
      });
      return h;
    });
  }

  /** log p(x|z) = Σ_i log Bern(x_i; σ(l_i)), teacher-forced; `raw` is z (see decodeRaw). */
  override logLikelihood(x: tf.Tensor2D, raw: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const [h, w] = this.config.inputShape;
      const b = x.shape[0];
      const logits = this.logitsOf(tf.reshape(x, [b, h, w, 1]) as tf.Tensor4D, this.conditioning(raw));
      return bernoulliLogLik(x, tf.reshape(logits, [b, h * w]) as tf.Tensor2D);
    });
  }

  /**
   * Not E[x|z], which the autoregressive decoder cannot give in one pass: a sample x ~ p(x|z) drawn pixel by pixel
   * (binary), with a fixed seed so the same z gives the same image. Synchronous; the job process and the CLI use
   * sample() for progress and cancel.
   */
  override decode(z: tf.Tensor2D): tf.Tensor2D {
    const { pixels } = sampleSequentialSync(this, z, DECODE_SEED);
    return tf.tensor2d(pixels, [z.shape[0], this.architecture.inputSize]);
  }

  /** x ~ p(x|z) for each row of z, pixel by pixel, with progress and cancel between rows; null when cancelled. */
  sample(z: tf.Tensor2D, seed: number, hooks: SamplingHooks = {}): Promise<Float32Array | null> {
    return sampleSequential(this, z, seed, hooks);
  }

  override dispose(): void {
    super.dispose();
    tf.dispose([...this.masks.values()]);
  }
}

/** Inputs one output of a masked layer reads: the kept taps × input channels. */
function unmaskedFanIn(l: MaskedConvLayer): number {
  const k = l.kernelSize[0];
  const mask = causalMask(k, 1, 1, l.mask);
  return mask.reduce((n, v) => n + v, 0) * l.inShape[2];
}
