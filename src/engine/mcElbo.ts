// The ELBO with its KL term estimated by Monte Carlo, for models where KL(q(z|x) || p(z)) has no closed form (a
// mixture prior, a flow posterior): with the same z_K that the reconstruction term decodes,
// ELBO = E[log p(x|z_K)] + E[log p(z_K)] − E[log q(z_0|x)] + E[Σ_k log |det ∂f_k/∂z_{k−1}|], one sample per image.
import * as tf from '@tensorflow/tfjs-core';
import type { ElboTerms } from './elbo';
import { klPerDim } from './kl';
import type { VaeModel } from './models/base';

/**
 * recon = −log p(x|z_K); kl = log q(z_K|x) − log p(z_K) (its expectation is the KL); klPerDim = `perDim` of the
 * Gaussian q(z_0|x), by default its closed-form KL to N(0, I) per dimension, kept for the per-dimension diagnostics
 * and the collapse verdict (it does not sum to kl). A mixture prior passes the KL to its marginals instead.
 */
export function monteCarloElboTerms(
  model: VaeModel,
  x: tf.Tensor2D,
  seed: number,
  y?: tf.Tensor2D,
  perDim: (mu: tf.Tensor2D, logvar: tf.Tensor2D) => tf.Tensor2D = klPerDim,
): ElboTerms {
  return tf.tidy(() => {
    const posterior = model.encode(x, y);
    const s = model.sampleLatent(posterior, seed);
    return {
      recon: tf.neg(model.logLikelihood(x, model.decodeRaw(s.z, y))) as tf.Tensor1D,
      klPerDim: perDim(posterior.mu, posterior.logvar),
      mu: posterior.mu,
      kl: tf.sub(s.logQ, s.logP) as tf.Tensor1D,
    };
  });
}
