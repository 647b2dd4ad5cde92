// The VAE-GAN of Larsen et al. (2016), the seed guide's remedy for blurry VAE images: the conv VAE (encoder q(z|x),
// decoder p(x|z)) and a conv discriminator D (shared/networks/discriminator.ts) that tells data x from
// reconstructions x̃ = E[x|z], z ~ q(z|x), and from prior samples x_p = E[x|z_p], z_p ~ N(0, I). Reconstruction is
// also measured on D's features (ganLosses.ts: L_llike^Dis_l), which rewards sharp edges where the per-pixel
// likelihood averages them away. Each loss reaches only its own parameters, each with its own Adam (the paper's
// Algorithm 1):
//   encoder:       L_prior + L_pixel + L_llike^Dis_l           (β-weighted KL, free bits as the loop's loss)
//   decoder:       γ·(L_pixel + L_llike^Dis_l) + L_GAN^gen      (non-saturating: −log D(x̃) − log D(x_p))
//   discriminator: −[log D(x) + log(1 − D(x̃)) + log(1 − D(x_p))]
// L_pixel = −log p(x|z) under the configured likelihood is not in the paper's objective; we keep it because without
// it the decoder's only anchor to the input is D's features, which move while D trains (a choice for stability on
// small data; the paper's feature-only variant is not measured here). The three updates alternate as GANs are usually trained (the paper's Algorithm 1 takes all three
// gradients from one forward pass): D first, with the decoder's images as constants, then the decoder against the
// updated D, then the encoder; all three read the same z (one seed per step).
// The model's lossTerms (validation, eval) is the plain VAE's pixel ELBO, so its "−ELBO" is a true bound on
// −log p(x) under the decoder's likelihood, which the VAE-GAN does not optimise alone.
import * as tf from '@tensorflow/tfjs-core';
import { describeModel, validateConfig } from '../../../shared/architecture';
import type { Dataset } from '../../../shared/dataset';
import { runNetwork, weightNames, type NetworkDesc } from '../../../shared/network';
import { Rng } from '../../../shared/rng';
import { DEFAULT_VAEGAN, type GanStats, type ModelConfig } from '../../../shared/types';
import { klPerDim } from '../../kl';
import { engineOps, initialWeights } from '../../networks/mlp';
import { createAdam, type StepOptimizer } from '../../optimizer';
import { checkWeights, type OwnStep, type TrainingStepper } from '../base';
import { Vae } from '../vae/vae';
import { discriminatorLoss, featureMatching, generatorLoss } from './ganLosses';
import { sharpnessAtEpochEnd } from './ganSharpness';

/** Adam's β1 for the three optimisers: 0.5, as DCGAN (Radford et al. 2016); 0.9 let the discriminator oscillate. */
const ADAM_BETA1 = 0.5;

export type ParameterGroup = 'encoder' | 'decoder' | 'discriminator';

/** The per-step figures summed over an epoch: D loss, generator loss, feature matching, mean D(x), mean D(x_p). */
const FIGURES = 5;

export class VaeGan extends Vae {
  private optimisers: Record<ParameterGroup, StepOptimizer> | null = null;
  private readonly sums = new Float64Array(FIGURES);
  private steps = 0;

  static override create(config: ModelConfig, seed: number): VaeGan {
    validateConfig(config);
    return new VaeGan(config, initialWeights(describeModel(config), new Rng(seed)));
  }

  static override fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): VaeGan {
    validateConfig(config);
    checkWeights(config, weights);
    return new VaeGan(config, weights);
  }

  get gamma(): number {
    return this.config.gamma ?? DEFAULT_VAEGAN.gamma;
  }

  /** Dis_l(x): the discriminator's features of flattened images in [0, 1] ([B, F]). */
  features(x: tf.Tensor2D): tf.Tensor2D {
    return runNetwork(this.architecture.discriminator!.features, this.weight, x, engineOps) as tf.Tensor2D;
  }

  /** The logit of D(x) from its features ([B]). */
  logit(features: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(runNetwork(this.architecture.discriminator!.head, this.weight, features, engineOps), [-1]) as tf.Tensor1D;
  }

  /** The variables each loss updates, by stored name (a learned decoder scale is the decoder's). */
  variablesOf(group: ParameterGroup): tf.Variable[] {
    const a = this.architecture;
    const nets: Record<ParameterGroup, NetworkDesc[]> = {
      encoder: [a.encoder, a.mu, a.logvar],
      decoder: [a.decoder],
      discriminator: [a.discriminator!.features, a.discriminator!.head],
    };
    const names = nets[group].flatMap(weightNames);
    if (group === 'decoder' && this.vars.has('decoder/logScale')) names.push('decoder/logScale');
    return names.map((n) => this.vars.get(n)!);
  }

  /**
   * The three objectives at the current weights, as functions to differentiate (trainStep's, and the tests'). The
   * decoder's images the discriminator reads are made here, outside any gradient tape, so D's loss cannot reach
   * the decoder or the encoder; dispose() frees them.
   */
  groupLosses(x: tf.Tensor2D, seed: number, lossOf: OwnStep['lossOf']): Record<ParameterGroup, () => tf.Scalar> & { dispose(): void } {
    const b = x.shape[0];
    const [recon, prior] = tf.tidy(() => [this.decode(this.reparameterize(this.encode(x), seed)), this.decode(this.samplePriorLatents(b, seed ^ 0x9a9, 1))]);
    return {
      dispose: () => tf.dispose([recon, prior]),
      encoder: () => {
        const posterior = this.encode(x);
        const raw = this.decodeRaw(this.reparameterize(posterior, seed));
        const terms = { recon: tf.neg(this.logLikelihood(x, raw)) as tf.Tensor1D, klPerDim: klPerDim(posterior.mu, posterior.logvar), mu: posterior.mu };
        this.observed?.(terms);
        return tf.add(lossOf(terms), tf.mean(featureMatching(this.features(x), this.features(tf.sigmoid(raw))))) as tf.Scalar;
      },
      decoder: () => {
        const z = this.reparameterize(this.encode(x), seed);
        const raw = this.decodeRaw(z);
        const pixel = tf.neg(this.logLikelihood(x, raw));
        const reconFeatures = this.features(tf.sigmoid(raw));
        const feature = featureMatching(this.features(x), reconFeatures);
        const priorLogit = this.logit(this.features(this.decode(this.samplePriorLatents(b, seed ^ 0x9a9, 1))));
        const gen = generatorLoss(this.logit(reconFeatures), priorLogit);
        this.keepFigures([tf.mean(gen), tf.mean(feature)], 1);
        return tf.add(tf.mul(this.gamma, tf.mean(tf.add(pixel, feature))), tf.mean(gen)) as tf.Scalar;
      },
      discriminator: () => {
        const realLogit = this.logit(this.features(x));
        const priorLogit = this.logit(this.features(prior));
        const loss = discriminatorLoss(realLogit, this.logit(this.features(recon)), priorLogit);
        this.keepFigures([tf.mean(loss)], 0);
        this.keepFigures([tf.mean(tf.sigmoid(realLogit)), tf.mean(tf.sigmoid(priorLogit))], 3);
        return tf.mean(loss);
      },
    };
  }

  /** Where groupLosses' encoder objective hands its terms (the loop's observe during a step). */
  private observed: ((terms: Parameters<OwnStep['observe']>[0]) => void) | null = null;
  private figures: tf.Tensor[] = [];
  private figureSlots: number[] = [];

  private keepFigures(values: tf.Tensor[], slot: number): void {
    values.forEach((v, i) => {
      this.figures.push(tf.keep(v));
      this.figureSlots.push(slot + i);
    });
  }

  /** One training step: the discriminator's, the decoder's and the encoder's Adam in turn, each on its own loss. */
  trainStep(x: tf.Tensor2D, seed: number, step: OwnStep): tf.Scalar {
    const opt = (this.optimisers ??= {
      encoder: createAdam(step.learningRate, ADAM_BETA1),
      decoder: createAdam(step.learningRate, ADAM_BETA1),
      discriminator: createAdam(step.learningRate, ADAM_BETA1),
    });
    const losses = this.groupLosses(x, seed, step.lossOf);
    try {
      tf.dispose(opt.discriminator.minimize(losses.discriminator, this.variablesOf('discriminator')));
      tf.dispose(opt.decoder.minimize(losses.decoder, this.variablesOf('decoder')));
      this.observed = step.observe;
      const loss = opt.encoder.minimize(losses.encoder, this.variablesOf('encoder'));
      this.collectFigures();
      return loss;
    } finally {
      this.observed = null;
      losses.dispose();
    }
  }

  private collectFigures(): void {
    const values = this.figures.map((t) => t.dataSync()[0]);
    values.forEach((v, i) => (this.sums[this.figureSlots[i]] += v));
    tf.dispose(this.figures);
    this.figures = [];
    this.figureSlots = [];
    this.steps++;
  }

  readonly stepper: TrainingStepper = {
    start: () => undefined,
    observe: () => undefined,
    afterStep: () => undefined,
    endEpoch: (train: Dataset) => {
      const n = Math.max(1, this.steps);
      const [discriminator, generator, featureMatching, realScore, fakeScore] = Array.from(this.sums, (s) => s / n);
      this.sums.fill(0);
      this.steps = 0;
      const gan: GanStats = { discriminator, generator, featureMatching, realScore, fakeScore, sharpness: sharpnessAtEpochEnd(this, train) };
      return { gan };
    },
  };

  override dispose(): void {
    tf.dispose(this.figures);
    if (this.optimisers) for (const o of Object.values(this.optimisers)) o.dispose();
    super.dispose();
  }
}
