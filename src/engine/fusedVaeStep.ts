// The fast path of the training loop for the one model it covers: the MLP VAE (Gaussian posterior, standard
// prior, no flow, Bernoulli or fixed-scale Gaussian/Laplace decoder, the VAE objective or IWAE with k = 1). One
// native call (native/vae_step.cc) runs forward, loss, backward and Adam over a flat copy of the weights; the
// model's tf.Variables are brought up to date by writeBack() (the loop calls it before every epoch's metrics and
// checkpoint). Everything else takes the plain path (tfjs ops + native sgemm and Adam) unchanged.
// Same maths as the plain path, the same ε (tf.randomNormal with the step's seed) and the same Adam: the two agree
// to float32 rounding (test/unit/engine/fusedVaeStep.test.ts).
import * as tf from '@tensorflow/tfjs-core';
import { hasLearnedScale, specSize } from '../shared/architecture';
import type { Dataset } from '../shared/dataset';
import type { DenseLayer, NetworkDesc } from '../shared/network';
import { DEFAULT_IWAE_K, decoderKind, flowKind, modelVariant, priorKind } from '../shared/types';
import { accelerationInUse } from './backend';
import { fillImages, imageSize } from './batches';
import type { VaeModel } from './models/base';
import { Iwae } from './models/iwae/iwae';
import { Vae } from './models/vae/vae';
import { nativeKernels, type NativeKernels } from './nativeKernels';

const LIKELIHOOD_CODE = { bernoulli: 0, gaussian: 1, laplace: 2 } as const;

/** Adam's settings: the training loop's (createAdam(lr, 0.9, 0.999, 1e-8)). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** Why the fused step does not cover this model (the plain path then runs), or null when it does. */
export function fusedStepRefusal(model: VaeModel): string | null {
  if (process.env.LATENT_EXPLORER_FUSED === '0') return 'disabled by LATENT_EXPLORER_FUSED=0';
  const kernels = nativeKernels();
  if (!kernels?.mlpVaeStep) return 'the native kernels (with mlpVaeStep) are not loaded';
  if (accelerationInUse().matMul.kind !== 'blas') return 'no OpenBLAS loaded';
  const c = model.config;
  // the Vae class's own encode/reparameterize/lossTerms (and Iwae's, equal for k = 1) are what the native step
  // reproduces: a subclass that overrides any of them (PixelCNN decoder…) is refused by its class, not by its fields
  const proto = Object.getPrototypeOf(model) as unknown;
  if (model.stepper || model.trainStep || (proto !== Vae.prototype && proto !== Iwae.prototype)) return 'not the plain VAE class';
  const variant = modelVariant(c);
  if (!(variant === 'vae' || (variant === 'iwae' && (c.iwaeK ?? DEFAULT_IWAE_K) === 1))) return `objective ${variant}${variant === 'iwae' ? ` k = ${c.iwaeK}` : ''}`;
  if ((c.net ?? 'mlp') !== 'mlp') return `network ${c.net}`;
  if (priorKind(c) !== 'standard') return `prior ${priorKind(c)}`;
  if (flowKind(c) !== 'none') return `flow ${flowKind(c)}`;
  if (decoderKind(c) !== 'mirror' || model.architecture.pixelcnn) return `decoder ${decoderKind(c)}`;
  if (hasLearnedScale(c)) return 'a learned decoder scale';
  const a = model.architecture;
  if (a.extra.length > 0) return 'weights outside the networks';
  const dense = (net: NetworkDesc, last: 'relu' | 'linear' | null) =>
    net.layers.every((l, i) => l.op === 'dense' && !l.condition && l.activation === (i === net.layers.length - 1 && last ? last : 'relu'));
  if (!dense(a.encoder, null) || !dense(a.mu, 'linear') || !dense(a.logvar, 'linear') || !dense(a.decoder, 'linear') || a.mu.layers.length !== 1 || a.logvar.layers.length !== 1 || a.decoder.layers.length < 1) {
    return 'not an MLP of dense ReLU layers with linear heads';
  }
  return null;
}

/** The flat layout the native step reads: see native/vae_step_napi.cc. */
function layoutOf(model: VaeModel, batch: number, offsets: Map<string, number>): Int32Array {
  const a = model.architecture;
  const layers = [...a.encoder.layers, ...a.mu.layers, ...a.logvar.layers, ...a.decoder.layers] as DenseLayer[];
  const head = [batch, a.inputSize, a.latentDim, a.encoder.layers.length, a.decoder.layers.length, LIKELIHOOD_CODE[model.config.likelihood]];
  return Int32Array.from([...head, ...layers.flatMap((l) => [l.inSize, l.outSize, offsets.get(l.kernel)!, offsets.get(l.bias)!])]);
}

export interface FusedStepResult {
  loss: number;
  /** [Σ recon, Σ KL, Σ_i KL_{i,d} for each d]: what the plain path's `stats` tensor holds. */
  stats: Float64Array;
}

export class FusedVaeStep {
  private readonly params: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly offsets = new Map<string, number>();
  private readonly hyper = new Float64Array(9);
  private readonly stats: Float64Array;
  private readonly logScale: number;
  private x = new Float32Array(0);
  private layout: Int32Array | null = null;
  // β1ᵗ and β2ᵗ as float32 products, as tfjs's Adam (and fusedAdam.ts) keeps them
  private accBeta1 = Math.fround(BETA1);
  private accBeta2 = Math.fround(BETA2);

  private constructor(
    private readonly kernels: Required<Pick<NativeKernels, 'mlpVaeStep'>>,
    private readonly model: VaeModel,
    private readonly learningRate: number,
  ) {
    const specs = model.architecture.weights;
    const total = specs.reduce((n, s) => n + specSize(s), 0);
    this.params = new Float32Array(total);
    this.m = new Float32Array(total);
    this.v = new Float32Array(total);
    const vars = model.trainableVariables();
    let at = 0;
    specs.forEach((s, i) => {
      this.offsets.set(s.name, at);
      this.params.set(vars[i].dataSync() as Float32Array, at);
      at += specSize(s);
    });
    this.stats = new Float64Array(3 + model.config.latentDim);
    const scale = typeof model.config.decoderScale === 'number' ? model.config.decoderScale : 1;
    // the plain path holds log σ as a float32 scalar
    this.logScale = Math.fround(Math.log(scale));
  }

  /** The fast step for this model, or null when it does not cover it (fusedStepRefusal says why). */
  static for(model: VaeModel, learningRate: number): FusedVaeStep | null {
    const kernels = nativeKernels();
    if (fusedStepRefusal(model) !== null || !kernels?.mlpVaeStep) return null;
    if (model.trainableVariables().length !== model.architecture.weights.length) return null;
    return new FusedVaeStep({ mlpVaeStep: kernels.mlpVaeStep.bind(kernels) }, model, learningRate);
  }

  /** One training step on rows `indices` of `ds` with KL weight β and free bits λ; ε from tf.randomNormal(seed). */
  step(ds: Dataset, indices: ArrayLike<number>, beta: number, freeBits: number, seed: number): FusedStepResult {
    const n = indices.length;
    const d = this.model.config.latentDim;
    if (this.x.length !== n * imageSize(ds)) {
      this.x = new Float32Array(n * imageSize(ds));
      this.layout = layoutOf(this.model, n, this.offsets);
    }
    fillImages(ds, indices, this.x);
    // the plain path's ε: reparameterize draws tf.randomNormal([B, d], 0, 1, 'float32', seed)
    const epsTensor = tf.randomNormal([n, d], 0, 1, 'float32', seed);
    const eps = epsTensor.dataSync() as Float32Array;
    epsTensor.dispose();
    const c1 = Math.fround(1 - this.accBeta1);
    const c2 = Math.fround(1 - this.accBeta2);
    this.hyper.set([beta, freeBits, this.logScale, this.learningRate, BETA1, BETA2, EPSILON, c1, c2]);
    this.kernels.mlpVaeStep(this.params, this.m, this.v, this.x, eps, this.stats, this.layout!, this.hyper);
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(BETA1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(BETA2));
    return { loss: this.stats[0], stats: this.stats.subarray(1) };
  }

  /** Adam's moments over the flat parameters (m after the first step is (1 − β1)·gradient: the tests read it). */
  moments(): { m: Float32Array; v: Float32Array; offsets: ReadonlyMap<string, number> } {
    return { m: this.m, v: this.v, offsets: this.offsets };
  }

  /** Copies the trained weights into the model's variables (new tensors: see fusedAdam.ts on XNNPACK's cache). */
  writeBack(): void {
    const vars = this.model.trainableVariables();
    this.model.architecture.weights.forEach((s, i) => {
      const at = this.offsets.get(s.name)!;
      tf.tidy(() => vars[i].assign(tf.tensor(this.params.slice(at, at + specSize(s)), s.shape, 'float32')));
    });
  }
}
