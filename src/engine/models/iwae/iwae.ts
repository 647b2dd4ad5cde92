// The importance-weighted autoencoder (Burda et al. 2016; the seed guide's IWAE) as a training objective: the same
// networks as the VAE, trained on L_k = E[log (1/k) Σ_i w_i], w_i = p(x|z_i) p(z_i) / q(z_i|x), z_i ~ q(z|x),
// which is tighter than the ELBO for k > 1 and equal to it for k = 1.
import * as tf from '@tensorflow/tfjs-core';
import { describeModel, validateConfig } from '../../../shared/architecture';
import { Rng } from '../../../shared/rng';
import { DEFAULT_IWAE_K, type ModelConfig } from '../../../shared/types';
import type { ElboTerms } from '../../elbo';
import { klPerDim, logNormalDensity, logStandardNormalDensity } from '../../kl';
import { initialWeights } from '../../networks/mlp';
import type { VaeModel } from '../base';
import { checkWeights } from '../base';
import { Vae } from '../vae/vae';

/**
 * The terms of L̃_k = [LSE_i log w_i − log k − mean_i log w_i] + mean_i log p(x|z_i) − KL(q(z|x) || p(z)).
 * The analytic KL stands in for the Monte Carlo mean_i (log q(z_i|x) − log p(z_i)), which has the same expectation,
 * so E[L̃_k] = L_k and the gradient is unbiased, with the VAE's lower variance; for k = 1 the bracket is exactly 0
 * and L̃_1 is the VAE's one-sample ELBO with the same noise (same seed → same loss). Per image: recon = −mean_i
 * log p(x|z_i), klPerDim analytic, iwaeGap = the bracket (≥ 0 by Jensen).
 */
export function iwaeTerms(model: VaeModel, x: tf.Tensor2D, seed: number, k: number, y?: tf.Tensor2D): ElboTerms {
  return tf.tidy(() => {
    const { mu, logvar } = model.encode(x, y);
    const b = x.shape[0];
    // the k samples of image j are rows j, B + j, …: one batched decode
    const tile = (t: tf.Tensor2D) => (k === 1 ? t : tf.tile(t, [k, 1]));
    const muK = tile(mu);
    const logvarK = tile(logvar);
    const z = model.reparameterize({ mu: muK, logvar: logvarK }, seed);
    const logLik = model.logLikelihood(tile(x), model.decodeRaw(z, y && tile(y)));
    const logW = tf.reshape(tf.sub(tf.add(logLik, logStandardNormalDensity(z)), logNormalDensity(z, muK, logvarK)), [k, b]);
    const bound = tf.sub(tf.logSumExp(logW, 0), Math.log(k));
    return {
      recon: tf.neg(tf.mean(tf.reshape(logLik, [k, b]), 0)) as tf.Tensor1D,
      klPerDim: klPerDim(mu, logvar),
      mu,
      iwaeGap: tf.sub(bound, tf.mean(logW, 0)) as tf.Tensor1D,
    };
  });
}

export class Iwae extends Vae {
  static override create(config: ModelConfig, seed: number): Iwae {
    validateConfig(config);
    return new Iwae(config, initialWeights(describeModel(config), new Rng(seed)));
  }

  static override fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): Iwae {
    validateConfig(config);
    checkWeights(config, weights);
    return new Iwae(config, weights);
  }

  /** Importance samples per image in the objective. */
  get k(): number {
    return this.config.iwaeK ?? DEFAULT_IWAE_K;
  }

  override lossTerms(x: tf.Tensor2D, seed: number, y?: tf.Tensor2D): ElboTerms {
    return iwaeTerms(this, x, seed, this.k, y);
  }
}
