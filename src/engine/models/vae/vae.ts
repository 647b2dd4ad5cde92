// The VAE of Kingma & Welling (2014): a Gaussian encoder q(z|x) = N(μ(x), diag σ²(x)), a standard normal prior,
// and a decoder whose output parameterises the configured likelihood (Bernoulli, Gaussian or Laplace, with a
// fixed or learned per-pixel scale). Trained on the single-sample ELBO. The networks come from the architecture
// description (today an MLP: ModelConfig.kind 'mlp-vae').
import * as tf from '@tensorflow/tfjs-core';
import { describeModel, hasLearnedScale, validateConfig } from '../../../shared/architecture';
import { Rng } from '../../../shared/rng';
import type { ModelConfig } from '../../../shared/types';
import { elboTerms, type ElboTerms } from '../../elbo';
import { logLikelihood } from '../../likelihoods';
import { initialWeights } from '../../networks/mlp';
import { checkWeights, VaeBase } from '../base';

export class Vae extends VaeBase {
  /** log σ (Gaussian) or log b (Laplace): the learned [D] variable or a fixed scalar. */
  private readonly logScale: tf.Tensor;
  private readonly ownsLogScale: boolean;

  protected constructor(config: ModelConfig, values: Map<string, Float32Array>) {
    super(config, describeModel(config), values);
    this.ownsLogScale = !hasLearnedScale(config);
    const scale = typeof config.decoderScale === 'number' ? config.decoderScale : 1;
    this.logScale = this.ownsLogScale ? tf.keep(tf.scalar(Math.log(scale))) : this.weight('decoder/logScale');
  }

  /** New weights, initialised like PyTorch's nn.Linear from a seeded stream; a learned log-scale starts at 0. */
  static create(config: ModelConfig, seed: number): Vae {
    validateConfig(config);
    return new Vae(config, initialWeights(describeModel(config), new Rng(seed)));
  }

  /** A model from saved weights; every expected weight must be present with the right size, and no others. */
  static fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): Vae {
    validateConfig(config);
    checkWeights(config, weights);
    return new Vae(config, weights);
  }

  logLikelihood(x: tf.Tensor2D, raw: tf.Tensor2D): tf.Tensor1D {
    return logLikelihood(this.config.likelihood, x, raw, this.logScale);
  }

  lossTerms(x: tf.Tensor2D, seed: number, y?: tf.Tensor2D): ElboTerms {
    return elboTerms(this, x, seed, y);
  }

  override dispose(): void {
    super.dispose();
    if (this.ownsLogScale) this.logScale.dispose();
  }
}
