// The VAE with a learnable prior (MoG, VampPrior) and/or a flow posterior (planar, IAF): the plain VAE's networks
// and likelihood, with p(z) from engine/priors/ and z_K = f(z_0) from engine/flows/. Options of the VAE rather than
// variants of their own: a prior and a flow combine with each other (--prior vamp --flow iaf) and change only
// where z comes from and how it is scored, so one class on the VAE carries both and the registry builds it
// whenever a configuration names either. Trained on the single-sample ELBO with the KL by Monte Carlo.
import * as tf from '@tensorflow/tfjs-core';
import { describeModel, validateConfig } from '../../../shared/architecture';
import { mixtureCodes, type MixtureComponents } from '../../../shared/mixtureSample';
import { runNetwork } from '../../../shared/network';
import { IAF_CONTEXT_BIAS, IAF_CONTEXT_KERNEL, PLANAR_BIAS, PLANAR_KERNEL } from '../../../shared/priorFlowWeights';
import { Rng } from '../../../shared/rng';
import { flowKind, type ModelConfig } from '../../../shared/types';
import type { ElboTerms } from '../../elbo';
import { flowFor, type PosteriorFlow } from '../../flows/flow';
import { logNormalDensity } from '../../kl';
import { monteCarloElboTerms } from '../../mcElbo';
import { engineOps, initialWeights } from '../../networks/mlp';
import { priorFor, type LatentPrior } from '../../priors/prior';
import { reparameterize } from '../../reparameterize';
import type { LatentSample, Posterior } from '../base';
import { checkWeights } from '../base';
import { Vae } from '../vae/vae';
import { initialPriorFlowWeights } from './init';

export class FlowPriorVae extends Vae {
  private readonly prior: LatentPrior;
  private readonly flow: PosteriorFlow;

  protected constructor(config: ModelConfig, values: Map<string, Float32Array>) {
    super(config, values);
    // the VampPrior encodes its pseudo-inputs with the Gaussian encoder (before any flow)
    this.prior = priorFor(config, this.weight, (x) => this.gaussianEncode(x));
    this.flow = flowFor(config, this.weight);
  }

  static override create(config: ModelConfig, seed: number): FlowPriorVae {
    validateConfig(config);
    const rng = new Rng(seed);
    const values = initialWeights(describeModel(config), rng);
    initialPriorFlowWeights(config, values, rng);
    return new FlowPriorVae(config, values);
  }

  static override fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): FlowPriorVae {
    validateConfig(config);
    checkWeights(config, weights);
    return new FlowPriorVae(config, weights);
  }

  /** q(z_0|x) alone: what the VampPrior's components are. */
  private gaussianEncode(x: tf.Tensor2D): Posterior {
    return super.encode(x);
  }

  /** q(z_0|x) and, with a flow, its per-image input from the same trunk: planar (u, w, b) or IAF's context h. */
  override encode(x: tf.Tensor2D, y?: tf.Tensor2D): Posterior {
    const flow = flowKind(this.config);
    if (flow === 'none') return super.encode(x, y);
    return tf.tidy(() => {
      const a = this.architecture;
      const onData = a.encoder.layers.length === 0;
      const h = runNetwork(a.encoder, this.weight, x, engineOps, true);
      const [kernel, bias] = flow === 'planar' ? [PLANAR_KERNEL, PLANAR_BIAS] : [IAF_CONTEXT_KERNEL, IAF_CONTEXT_BIAS];
      return {
        mu: runNetwork(a.mu, this.weight, h, engineOps, onData),
        logvar: runNetwork(a.logvar, this.weight, h, engineOps, onData),
        flow: engineOps.dense(h, this.weight(kernel), this.weight(bias), 'linear', onData),
      };
    });
  }

  override sampleLatent(posterior: Posterior, seed: number): LatentSample {
    return tf.tidy(() => {
      const z0 = reparameterize(posterior.mu, posterior.logvar, seed);
      const { z, logDet } = this.flow.apply(z0, posterior.flow);
      const logQ = tf.sub(logNormalDensity(z0, posterior.mu, posterior.logvar), logDet) as tf.Tensor1D;
      return { z0, z, logQ, logP: this.prior.logDensity(z) };
    });
  }

  override meanCode(posterior: Posterior): tf.Tensor2D {
    return tf.tidy(() => this.flow.apply(posterior.mu, posterior.flow).z);
  }

  /** The prior's components as arrays (null for N(0, I)): what its samples, views and the page read. */
  priorComponents(): MixtureComponents | null {
    const c = this.prior.components();
    if (!c) return null;
    const [k, d] = c.means.shape;
    const out = { k, d, means: c.means.dataSync().slice() as Float32Array, logvars: c.logvars.dataSync().slice() as Float32Array, logWeights: c.logWeights.dataSync().slice() as Float32Array };
    tf.dispose([c.means, c.logvars, c.logWeights]);
    return out;
  }

  override samplePriorLatents(n: number, seed: number, temperature: number): tf.Tensor2D {
    const c = this.priorComponents();
    if (!c) return super.samplePriorLatents(n, seed, temperature);
    return tf.tensor2d(mixtureCodes(c, n, temperature, seed).codes, [n, c.d]);
  }

  override lossTerms(x: tf.Tensor2D, seed: number, y?: tf.Tensor2D): ElboTerms {
    // the per-dimension KL of the collapse verdict: q(z_0|x) against the prior's marginal on each dimension (with a
    // flow, the flow's Gaussian base stands in for q(z_K|x), whose marginals have no closed form)
    return monteCarloElboTerms(this, x, seed, y, (mu, logvar) => this.prior.klPerDim(mu, logvar));
  }

  override dispose(): void {
    super.dispose();
    this.flow.dispose();
  }
}
