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

/**
 * The training loss: mean over the batch of recon + β·KL (β = 1 gives −ELBO). With free bits λ > 0 the KL term
 * is Σ_d max(λ, mean over the batch of KL_d): a dimension below λ nats costs λ and gets no gradient toward 0.
 */
export function betaLoss(terms: ElboTerms, beta: number, freeBits = 0): tf.Scalar {
  return tf.tidy(() => {
    if (freeBits <= 0) return tf.mean(tf.add(terms.recon, tf.mul(beta, tf.sum(terms.klPerDim, 1)))) as tf.Scalar;
    const klPerDim = tf.maximum(tf.mean(terms.klPerDim, 0), freeBits);
    return tf.add(tf.mean(terms.recon), tf.mul(beta, tf.sum(klPerDim))) as tf.Scalar;
  });
}
