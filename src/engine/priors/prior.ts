// The prior p(z) of a VAE: N(0, I), a learnable mixture of Gaussians, or the VampPrior (Tomczak & Welling 2018).
// Neither mixture has a closed-form KL to the Gaussian posterior, so models with one estimate the KL term by
// Monte Carlo (engine/mcElbo.ts) with log p(z) from here.
import * as tf from '@tensorflow/tfjs-core';
import { MOG_LOGITS, MOG_LOGVARS, MOG_MEANS, VAMP_PSEUDO_INPUTS } from '../../shared/priorFlowWeights';
import type { WeightLookup } from '../../shared/network';
import type { ModelConfig } from '../../shared/types';
import { priorKind } from '../../shared/types';
import { klPerDim, logStandardNormalDensity } from '../kl';
import type { Posterior } from '../models/base';
import { mixtureKlPerDim } from './marginalKl';
import { logMixtureDensity, type MixtureTensors } from './mixture';

export interface LatentPrior {
  /** log p(z) per row of z [B, D]: [B]. */
  logDensity(z: tf.Tensor2D): tf.Tensor1D;
  /** The mixture's components (gradients flow to their parameters), or null for N(0, I). */
  components(): MixtureTensors | null;
  /**
   * KL(q(z_i|x) || p_i(z_i)) of a Gaussian posterior to the prior's marginal on each dimension [B, D]: the
   * per-dimension KL the collapse verdict reads (closed form under N(0, I), engine/priors/marginalKl.ts for a mixture).
   */
  klPerDim(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor2D;
}

const standard: LatentPrior = {
  logDensity: (z) => logStandardNormalDensity(z) as tf.Tensor1D,
  components: () => null,
  klPerDim,
};

/** p(z) = Σ_k π_k N(z; m_k, diag exp(lv_k)), π = softmax(logits): every parameter learned with the VAE. */
function mogPrior(weight: WeightLookup<tf.Tensor>): LatentPrior {
  const components = (): MixtureTensors =>
    tf.tidy(() => ({
      // clones: a caller may dispose what it gets, never the variables themselves
      means: tf.clone(weight(MOG_MEANS)) as tf.Tensor2D,
      logvars: tf.clone(weight(MOG_LOGVARS)) as tf.Tensor2D,
      logWeights: tf.logSoftmax(weight(MOG_LOGITS)) as tf.Tensor1D,
    }));
  return {
    components,
    logDensity: (z) => tf.tidy(() => logMixtureDensity(z, components())),
    klPerDim: (mu, logvar) => tf.tidy(() => mixtureKlPerDim(mu, logvar, components())),
  };
}

/**
 * The VampPrior: p(z) = 1/K Σ_k q(z|u_k), the model's own Gaussian encoder at K learned pseudo-inputs u_k =
 * sigmoid(logit_k) (images in [0, 1] like the data). With a flow, q(z|u_k) is the encoder's Gaussian before it.
 */
function vampPrior(weight: WeightLookup<tf.Tensor>, encode: (x: tf.Tensor2D) => Posterior): LatentPrior {
  const components = (): MixtureTensors =>
    tf.tidy(() => {
      const u = tf.sigmoid(weight(VAMP_PSEUDO_INPUTS)) as tf.Tensor2D;
      const q = encode(u);
      const k = u.shape[0];
      return { means: q.mu, logvars: q.logvar, logWeights: tf.fill([k], -Math.log(k)) as tf.Tensor1D };
    });
  return {
    components,
    logDensity: (z) => tf.tidy(() => logMixtureDensity(z, components())),
    klPerDim: (mu, logvar) => tf.tidy(() => mixtureKlPerDim(mu, logvar, components())),
  };
}

/** The prior a configuration names, reading its weights from the model's variables. */
export function priorFor(config: ModelConfig, weight: WeightLookup<tf.Tensor>, encode: (x: tf.Tensor2D) => Posterior): LatentPrior {
  switch (priorKind(config)) {
    case 'mog':
      return mogPrior(weight);
    case 'vamp':
      return vampPrior(weight, encode);
    default:
      return standard;
  }
}
