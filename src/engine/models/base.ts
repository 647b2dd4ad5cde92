// What every model variant offers the training loop, the diagnostics, the store and the CLI, and the shared base
// most variants build on (pythae's shape: one folder per variant under models/, registered in registry.ts).
// The base owns the weights as tf.Variables under their stored names and runs the architecture's networks
// (../../shared/architecture.ts) through the engine's ops; a variant says how it starts and what it optimises.
import * as tf from '@tensorflow/tfjs-core';
import { specSize, weightSpecsFor, type VaeArchitecture, type WeightSpec } from '../../shared/architecture';
import { lookupIn, runNetwork, type WeightLookup } from '../../shared/network';
import type { Dataset } from '../../shared/dataset';
import type { EpochMetrics, ModelConfig } from '../../shared/types';
import { UserError } from '../../shared/userError';
import type { ElboTerms } from '../elbo';
import { logNormalDensity, logStandardNormalDensity } from '../kl';
import { engineOps } from '../networks/mlp';
import { reparameterize } from '../reparameterize';

/**
 * The parameters of the Gaussian posterior q(z|x) = N(μ, diag exp(logvar)), each [B, latentDim]. A type, not an
 * interface, so it is a tf.TensorContainer and can leave a tf.tidy.
 */
export type Posterior = {
  mu: tf.Tensor2D;
  logvar: tf.Tensor2D;
  /** A posterior flow's per-image input from the encoder: planar steps' (u, w, b), or IAF's context h. */
  flow?: tf.Tensor2D;
};

/** z ~ q(z|x) with the log-densities of the bound, per row ([B] each). */
export type LatentSample = {
  /** The Gaussian's sample z_0 = μ + σ ⊙ ε, before any flow. */
  z0: tf.Tensor2D;
  /** The code the decoder reads: z_K = f_K ∘ … ∘ f_1(z_0) (z_0 itself without a flow). */
  z: tf.Tensor2D;
  /** log q(z_K|x) = log N(z_0; μ, σ²) − Σ_k log |det ∂f_k/∂z_{k−1}|. */
  logQ: tf.Tensor1D;
  /** log p(z_K) under the model's prior. */
  logP: tf.Tensor1D;
};

/**
 * Work a variant does beside the gradient step, which the training loop drives (a VQ-VAE's codebook: its
 * initialisation from data, EMA updates, restarts of dead codes and usage counts).
 */
export interface TrainingStepper {
  /** Before the first step, with the first training batch. */
  start(x: tf.Tensor2D, seed: number): void;
  /** Inside the step's loss function: keep (tf.keep) what afterStep needs from the step's terms. */
  observe(terms: ElboTerms): void;
  /** After the optimiser's update; disposes what observe kept. */
  afterStep(): void;
  /** At an epoch's end: the variant's own figures for the epoch's metrics (`train`: the training split). */
  endEpoch(train: Dataset): Partial<Pick<EpochMetrics, 'codebook' | 'gan'>>;
}

/** What the training loop hands a variant that takes its own step (VaeModel.trainStep). */
export interface OwnStep {
  learningRate: number;
  /** The loop's loss of a set of terms: the β-weighted −ELBO with free bits, as the one-optimiser step minimises. */
  lossOf(terms: ElboTerms): tf.Scalar;
  /** Gets the step's terms, which the epoch's metrics are made of (call it inside the step, before tidy ends). */
  observe(terms: ElboTerms): void;
}

export interface VaeModel {
  /**
   * Rows (images × samples) one likelihood pass may score at once, where the decoder's activations make the default
   * bound (iwae.ts) too large: a PixelCNN decoder runs seven convolutions over the whole image per row.
   */
  readonly maxScoredRows?: number;
  /** Absent for variants trained by the gradient step alone. */
  readonly stepper?: TrainingStepper;
  /**
   * A variant whose losses go to different parameters (a VAE-GAN: encoder, decoder and discriminator each with its
   * own objective and its own Adam) takes the training step itself instead of the loop's one optimiser; returns
   * the loss the loop reports (the caller disposes it).
   */
  trainStep?(x: tf.Tensor2D, seed: number, step: OwnStep): tf.Scalar;
  /** The serialisable description the model was built from (saved in the manifest). */
  readonly config: ModelConfig;
  /** Its networks and weights as plain data, the same the page decodes with. */
  readonly architecture: VaeArchitecture;
  /**
   * q(z|x) for a batch of flattened images in [0, 1]. `y`: the one-hot labels [B, K] a conditional model reads
   * (q(z|x, y)); unconditional models ignore it, a conditional one refuses to run without it.
   */
  encode(x: tf.Tensor2D, y?: tf.Tensor2D): Posterior;
  /** z ~ q(z|x) as a function of the posterior's parameters, so gradients pass through the sample. */
  reparameterize(posterior: Posterior, seed: number): tf.Tensor2D;
  /**
   * One z per posterior row (tile the posterior for several per image) with log q(z|x) and log p(z): what the
   * importance-weighted bound and a Monte Carlo KL need. The base: the Gaussian and N(0, I).
   */
  sampleLatent(posterior: Posterior, seed: number): LatentSample;
  /** n codes from the prior p(z) at temperature T (each component's spread scaled by T): N(0, T²·I) in the base. */
  samplePriorLatents(n: number, seed: number, temperature: number): tf.Tensor2D;
  /** The deterministic code of an image for reconstructions: μ, or the flow applied to μ (ε = 0). */
  meanCode(posterior: Posterior): tf.Tensor2D;
  /** The decoder's raw output: the likelihood's parameters ([B, inputSize]). */
  decodeRaw(z: tf.Tensor2D, y?: tf.Tensor2D): tf.Tensor2D;
  /** E[x|z] (E[x|z, y] for a conditional model), in [0, 1]. */
  decode(z: tf.Tensor2D, y?: tf.Tensor2D): tf.Tensor2D;
  /** log p(x|z) per image ([B]) from the decoder's raw output. */
  logLikelihood(x: tf.Tensor2D, raw: tf.Tensor2D): tf.Tensor1D;
  /** The per-image terms the training loss and the metrics are made of. */
  lossTerms(x: tf.Tensor2D, seed: number, y?: tf.Tensor2D): ElboTerms;
  weightSpecs(): WeightSpec[];
  trainableVariables(): tf.Variable[];
  /** Copies of every weight's values, by stored name. */
  weightValues(): Map<string, Float32Array>;
  dispose(): void;
}

let idCounter = 0;

export abstract class VaeBase implements VaeModel {
  protected readonly vars = new Map<string, tf.Variable>();
  /** The variables by stored name, as the network interpreter asks for them. */
  protected readonly weight: WeightLookup<tf.Tensor>;

  protected constructor(
    readonly config: ModelConfig,
    readonly architecture: VaeArchitecture,
    values: Map<string, Float32Array>,
  ) {
    for (const spec of architecture.weights) {
      // tfjs variable names are global: a counter keeps two models in one process apart
      const name = `${spec.name}_${idCounter++}`;
      // the variable keeps the data; tidy drops the initial tensor, which would otherwise outlive dispose()
      this.vars.set(spec.name, tf.tidy(() => tf.variable(tf.tensor(values.get(spec.name)!, spec.shape, 'float32'), true, name)));
    }
    this.weight = lookupIn(this.vars);
  }

  encode(x: tf.Tensor2D, y?: tf.Tensor2D): Posterior {
    this.checkCondition(y);
    return tf.tidy(() => {
      const a = this.architecture;
      const h = runNetwork(a.encoder, this.weight, x, engineOps, true, y);
      // with no trunk the heads read the data batch directly
      const onData = a.encoder.layers.length === 0;
      return { mu: runNetwork(a.mu, this.weight, h, engineOps, onData, y), logvar: runNetwork(a.logvar, this.weight, h, engineOps, onData, y) };
    });
  }

  reparameterize(posterior: Posterior, seed: number): tf.Tensor2D {
    return reparameterize(posterior.mu, posterior.logvar, seed);
  }

  sampleLatent(posterior: Posterior, seed: number): LatentSample {
    return tf.tidy(() => {
      const z = this.reparameterize(posterior, seed);
      const logQ = logNormalDensity(z, posterior.mu, posterior.logvar) as tf.Tensor1D;
      return { z0: z, z, logQ, logP: logStandardNormalDensity(z) as tf.Tensor1D };
    });
  }

  samplePriorLatents(n: number, seed: number, temperature: number): tf.Tensor2D {
    return tf.randomNormal([n, this.config.latentDim], 0, temperature, 'float32', seed);
  }

  meanCode(posterior: Posterior): tf.Tensor2D {
    return tf.clone(posterior.mu);
  }

  decodeRaw(z: tf.Tensor2D, y?: tf.Tensor2D): tf.Tensor2D {
    this.checkCondition(y);
    return tf.tidy(() => runNetwork(this.architecture.decoder, this.weight, z, engineOps, false, y));
  }

  decode(z: tf.Tensor2D, y?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => engineOps.sigmoid(this.decodeRaw(z, y)));
  }

  /** A conditional model (config.labels) refuses to run without its labels, naming them. */
  protected checkCondition(y: tf.Tensor2D | undefined): void {
    const labels = this.config.model === 'cvae' ? (this.config.labels ?? []) : [];
    if (labels.length === 0) return;
    if (!y) throw new UserError(`This is a conditional VAE: it encodes and decodes under a label (one of ${labels.join(', ')}), and none was given.`);
    if (y.shape[1] !== labels.length) throw new Error(`the condition has ${y.shape[1]} columns; the model has ${labels.length} labels`);
  }

  abstract logLikelihood(x: tf.Tensor2D, raw: tf.Tensor2D): tf.Tensor1D;
  abstract lossTerms(x: tf.Tensor2D, seed: number, y?: tf.Tensor2D): ElboTerms;

  weightSpecs(): WeightSpec[] {
    return this.architecture.weights;
  }

  trainableVariables(): tf.Variable[] {
    return [...this.vars.values()];
  }

  weightValues(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const [name, v] of this.vars) out.set(name, v.dataSync().slice() as Float32Array);
    return out;
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
  }
}

/** Each image's posterior k times, as rows j, B + j, …: several samples per image in one batch. */
export function tilePosterior(p: Posterior, k: number): Posterior {
  if (k === 1) return p;
  const tile = (t: tf.Tensor2D) => tf.tile(t, [k, 1]);
  return { mu: tile(p.mu), logvar: tile(p.logvar), ...(p.flow ? { flow: tile(p.flow) } : {}) };
}

/** Saved weights must be exactly the architecture's: every weight present with its size, and no others. */
export function checkWeights(config: ModelConfig, weights: ReadonlyMap<string, Float32Array>): void {
  const specs = weightSpecsFor(config);
  const problems: string[] = [];
  for (const spec of specs) {
    const v = weights.get(spec.name);
    const size = specSize(spec);
    if (!v) problems.push(`missing weight "${spec.name}"`);
    else if (v.length !== size) problems.push(`weight "${spec.name}" has ${v.length} values, expected ${size} (shape ${spec.shape.join('×')})`);
  }
  const expected = new Set(specs.map((s) => s.name));
  for (const name of weights.keys()) if (!expected.has(name)) problems.push(`unexpected weight "${name}"`);
  if (problems.length) throw new UserError(`The weights do not match the model architecture: ${problems.slice(0, 5).join('; ')}`);
}
