// The per-image terms of the ELBO: log p(x) ≥ E_q[log p(x|z)] − KL(q(z|x) || p(z)), with one z sample.
import * as tf from '@tensorflow/tfjs-core';
import { klPerDim } from './kl';
import { logLikelihood } from './likelihoods';
import type { MlpVae } from './mlpVae';
import { reparameterize } from './reparameterize';

export interface ElboTerms {
  /** −log p(x|z) per image ([B]): the reconstruction term. */
  recon: tf.Tensor1D;
  /** KL per image and latent dimension ([B, D]). */
  klPerDim: tf.Tensor2D;
  mu: tf.Tensor2D;
}

export function elboTerms(model: MlpVae, x: tf.Tensor2D, seed: number): ElboTerms {
  return tf.tidy(() => {
    const { mu, logvar } = model.encode(x);
    const z = reparameterize(mu, logvar, seed);
    const out = model.decodeRaw(z);
    return {
      recon: tf.neg(logLikelihood(model.config.likelihood, x, out, model.logScale)) as tf.Tensor1D,
      klPerDim: klPerDim(mu, logvar),
      mu,
    };
  });
}

/** The training loss: mean over the batch of recon + β·KL (β = 1 gives −ELBO). */
export function betaLoss(terms: ElboTerms, beta: number): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.add(terms.recon, tf.mul(beta, tf.sum(terms.klPerDim, 1)))) as tf.Scalar);
}
