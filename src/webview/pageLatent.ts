// What the page computes about a model's latent space beyond the decoder: the Gaussian posterior q(z_0|x) of one
// image with its flow input (planar (u, w, b) or IAF's context h), the flow's f(μ), and the prior's mixture (MoG:
// its stored components; VampPrior: q(z|u_k) of its pseudo-inputs, encoded here). Plain JavaScript over the saved
// weight arrays, one row at a time, as the engine's FlowPriorVae computes the same things with tfjs.
import type { VaeArchitecture } from '../shared/architecture';
import { rowFlowFor, type RowFlow } from '../shared/flowApply';
import { mogComponents } from '../shared/latentDensity';
import type { MixtureComponents } from '../shared/mixtureSample';
import { runNetwork, type WeightLookup } from '../shared/network';
import { IAF_CONTEXT_BIAS, IAF_CONTEXT_KERNEL, PLANAR_BIAS, PLANAR_KERNEL, VAMP_PSEUDO_INPUTS } from '../shared/priorFlowWeights';
import { flowKind, priorKind, type ModelConfig } from '../shared/types';
import { jsOps } from './jsDecoder';

/** q(z_0|x) = N(μ, diag exp(logvar)) of one image and the encoder's flow input for it (null without a flow). */
export interface RowPosterior {
  mu: Float32Array;
  logvar: Float32Array;
  flowInput: Float32Array | null;
}

export class PageLatent {
  private readonly flow: RowFlow | null;
  private mixture: MixtureComponents | null | undefined;

  constructor(
    private readonly arch: VaeArchitecture,
    private readonly config: ModelConfig,
    private readonly weight: WeightLookup<Float32Array>,
  ) {
    this.flow = rowFlowFor(config, weight);
  }

  get hasFlow(): boolean {
    return this.flow !== null;
  }

  /** The encoder on one image with values in [0, 1] (HWC order, as the data). */
  posterior(x: Float32Array): RowPosterior {
    const h = runNetwork(this.arch.encoder, this.weight, x, jsOps);
    const kind = flowKind(this.config);
    const head = kind === 'planar' ? [PLANAR_KERNEL, PLANAR_BIAS] : kind === 'iaf' ? [IAF_CONTEXT_KERNEL, IAF_CONTEXT_BIAS] : null;
    return {
      mu: runNetwork(this.arch.mu, this.weight, h, jsOps),
      logvar: runNetwork(this.arch.logvar, this.weight, h, jsOps),
      flowInput: head ? jsOps.dense(h, this.weight(head[0]), this.weight(head[1]), 'linear', false) : null,
    };
  }

  /** z_K = f(z_0) for the image whose posterior is `q` (z_0 itself without a flow). */
  applyFlow(z0: Float32Array, q: RowPosterior): { z: Float32Array; logDet: number } {
    return this.flow && q.flowInput ? this.flow(z0, q.flowInput) : { z: Float32Array.from(z0), logDet: 0 };
  }

  /** The code the decoder reads for an image: f(μ) with a flow (engine meanCode, the CLI's reconstructions), else μ. */
  meanCode(x: Float32Array): Float32Array {
    const q = this.posterior(x);
    return this.applyFlow(q.mu, q).z;
  }

  /** The VampPrior's pseudo-inputs u_k = sigmoid(logit_k) as images in [0, 1], K rows; null for other priors. */
  pseudoInputs(): Float32Array | null {
    if (priorKind(this.config) !== 'vamp') return null;
    return this.weight(VAMP_PSEUDO_INPUTS).map((l) => 1 / (1 + Math.exp(-l)));
  }

  /** The prior's mixture, computed once: MoG's components, or the VampPrior's q(z_0|u_k) with π_k = 1/K; null for N(0, I). */
  priorMixture(): MixtureComponents | null {
    if (this.mixture !== undefined) return this.mixture;
    const k = this.config.priorComponents ?? 0;
    const d = this.config.latentDim;
    const kind = priorKind(this.config);
    if (kind === 'mog') this.mixture = mogComponents(k, d, this.weight);
    else if (kind === 'vamp') {
      const u = this.pseudoInputs()!;
      const size = u.length / k;
      const means = new Float32Array(k * d);
      const logvars = new Float32Array(k * d);
      for (let i = 0; i < k; i++) {
        // the Gaussian encoder before any flow, as engine/priors/prior.ts's vampPrior
        const q = this.posterior(u.subarray(i * size, (i + 1) * size));
        means.set(q.mu, i * d);
        logvars.set(q.logvar, i * d);
      }
      this.mixture = { k, d, means, logvars, logWeights: new Float32Array(k).fill(-Math.log(k)) };
    } else this.mixture = null;
    return this.mixture;
  }
}
