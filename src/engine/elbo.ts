// The per-image terms of the ELBO: log p(x) ≥ E_q[log p(x|z)] − KL(q(z|x) || p(z)), with one z sample.
// Models produce their terms through VaeModel.lossTerms; the plain VAE's is `elboTerms` below, and a variant
// that changes the objective returns its own.
import * as tf from '@tensorflow/tfjs-core';
import { klPerDim } from './kl';
import type { VaeModel } from './models/base';

export interface ElboTerms {
  /** −log p(x|z) per image ([B]): the reconstruction term. */
  recon: tf.Tensor1D;
  /** KL per image and latent dimension ([B, D]); with `kl`, a per-dimension diagnostic (see mcElbo.ts). */
  klPerDim: tf.Tensor2D;
  /**
   * A Monte Carlo KL per image ([B]) for models where it has no closed form (a mixture prior, a flow): the loss
   * and the metrics use it instead of Σ_d klPerDim.
   */
  kl?: tf.Tensor1D;
  mu: tf.Tensor2D;
  /**
   * IWAE only: per image, log (1/k) Σ_i w_i − (1/k) Σ_i log w_i ≥ 0, how much the k-sample bound exceeds the
   * k-sample average ELBO. The loss subtracts it (see iwaeTerms).
   */
  iwaeGap?: tf.Tensor1D;
  /**
   * VQ-VAE only, per image: the codebook loss ‖sg[z_e] − e‖² (absent with EMA codebook updates) plus β_c times the
   * commitment ‖z_e − sg[e]‖²; the loss adds it. `commitment` alone, `codes` [B·cells] and `ze` [B·cells, D] ride
   * along for the codebook's bookkeeping (models/vqvae/codebookState.ts).
   */
  vq?: { loss: tf.Tensor1D; commitment: tf.Tensor1D; codes: tf.Tensor1D; ze: tf.Tensor2D };
}

/** One-sample ELBO terms with the analytic KL to N(0, I). */
export function elboTerms(model: VaeModel, x: tf.Tensor2D, seed: number, y?: tf.Tensor2D): ElboTerms {
  return tf.tidy(() => {
    const posterior = model.encode(x, y);
    const z = model.reparameterize(posterior, seed);
    return {
      recon: tf.neg(model.logLikelihood(x, model.decodeRaw(z, y))) as tf.Tensor1D,
      klPerDim: klPerDim(posterior.mu, posterior.logvar),
      mu: posterior.mu,
    };
  });
}

/**
 * The training loss: mean over the batch of recon + β·KL (β = 1 gives −ELBO). With free bits λ > 0 the KL term
 * is Σ_d max(λ, mean over the batch of KL_d): a dimension below λ nats costs λ and gets no gradient toward 0.
 * A model whose KL has no closed form gives it per image (terms.kl), used in place of Σ_d KL_d.
 * An IWAE's terms carry the gap to its tighter bound, subtracted (β = 1: −L_k).
 */
export function betaLoss(terms: ElboTerms, beta: number, freeBits = 0): tf.Scalar {
  return tf.tidy(() => {
    let loss: tf.Scalar;
    // a Monte Carlo KL does not split by dimension: free bits then floor its batch mean at λ·D
    if (terms.kl) loss = tf.add(tf.mean(terms.recon), tf.mul(beta, freeBits > 0 ? tf.maximum(tf.mean(terms.kl), freeBits * terms.klPerDim.shape[1]) : tf.mean(terms.kl)));
    else if (freeBits <= 0) loss = tf.mean(tf.add(terms.recon, tf.mul(beta, tf.sum(terms.klPerDim, 1))));
    else loss = tf.add(tf.mean(terms.recon), tf.mul(beta, tf.sum(tf.maximum(tf.mean(terms.klPerDim, 0), freeBits))));
    if (terms.vq) loss = tf.add(loss, tf.mean(terms.vq.loss));
    return terms.iwaeGap ? tf.sub(loss, tf.mean(terms.iwaeGap)) : loss;
  });
}
