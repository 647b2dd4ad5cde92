// The posterior-collapse verdict, one rule for every place that states it (eval --json, the panel, remedies).
// A dimension whose average KL(q(z_i|x) || p(z_i)) is below 0.01 nats has collapsed onto the prior: q ignores x
// there and the decoder receives nothing through it. Which KL that is depends on the model (collapseMeasure below).
import { flowKind, modelVariant, priorKind, type ModelConfig } from './types';

/** Nats of average KL under which a dimension counts as collapsed. */
export const COLLAPSE_THRESHOLD = 0.01;

/**
 * Total KL (nats per image) under which the whole code counts as collapsed even if a dimension or two stay above
 * the per-dimension threshold: KL(q(z|x) || p(z)) bounds the information z carries about x (I(x; z) ≤ E KL), and
 * under 1 nat the code cannot tell apart more than a handful of images — the decoder is effectively unconditional,
 * which is how collapse under a strong autoregressive decoder looks (a trickle of KL in one or two dimensions).
 */
export const FULL_COLLAPSE_TOTAL_KL = 1;

export type CollapseKind = 'none' | 'partial' | 'full';

export interface CollapseVerdict {
  verdict: CollapseKind;
  /** Indices of the dimensions under COLLAPSE_THRESHOLD. */
  collapsedDims: number[];
  /** Dimensions at or above the threshold. */
  usedDims: number;
  /** Σ_i KL_i, nats per image. */
  totalKl: number;
}

/** none: every dimension carries information; full: none does, or all together carry under 1 nat; partial: the rest. */
export function collapseVerdict(klPerDim: ArrayLike<number>): CollapseVerdict {
  const collapsedDims: number[] = [];
  let totalKl = 0;
  for (let i = 0; i < klPerDim.length; i++) {
    if (!(klPerDim[i] >= COLLAPSE_THRESHOLD)) collapsedDims.push(i);
    if (Number.isFinite(klPerDim[i])) totalKl += Math.max(0, klPerDim[i]);
  }
  const usedDims = klPerDim.length - collapsedDims.length;
  const verdict: CollapseKind =
    klPerDim.length === 0 || usedDims === 0 || totalKl < FULL_COLLAPSE_TOTAL_KL ? 'full' : collapsedDims.length > 0 ? 'partial' : 'none';
  return { verdict, collapsedDims, usedDims, totalKl };
}

/**
 * What a model's per-dimension KL (EpochMetrics klPerDim, `eval --json` kl_per_dim) measures, and so what its verdict
 * reads:
 * - 'prior': KL(q(z_i|x) || p(z_i)) of the Gaussian posterior to the prior on each dimension — closed form under
 *   N(0, I) (VAE, CVAE, IWAE, conv, imported), against the prior's marginal for a mixture (MoG, VampPrior;
 *   engine/priors/marginalKl.ts), where a collapsed dimension sits at the components rather than at N(0, 1).
 * - 'flowBase': with a flow posterior the same KL of its Gaussian base q(z_0|x), which the flow then moves: a reading of
 *   the encoder, not of q(z_K|x) (whose marginals have no closed form); the flow's own per-image parameters can still
 *   carry a little information through a dimension the base leaves at the prior.
 * - null: a VQ-VAE. q(z|x) picks one code per cell; its KL to a uniform prior over the K codes is log K per cell for
 *   every image and no dimension can collapse. Its own failure, unused codes, is the codebook's perplexity.
 */
export type CollapseMeasure = 'prior' | 'flowBase';

export function collapseMeasure(model: Pick<ModelConfig, 'model' | 'prior' | 'flow'>): CollapseMeasure | null {
  if (modelVariant(model) === 'vqvae') return null;
  return flowKind(model) !== 'none' ? 'flowBase' : 'prior';
}

/** The verdict for a model, or null where it does not apply (a VQ-VAE): what `eval --json` and the panel state. */
export function modelCollapseVerdict(model: Pick<ModelConfig, 'model' | 'prior' | 'flow'>, klPerDim: ArrayLike<number>): (CollapseVerdict & { measure: CollapseMeasure }) | null {
  const measure = collapseMeasure(model);
  return measure ? { ...collapseVerdict(klPerDim), measure } : null;
}

/** The prior a 'prior' measure compares with, for the one line that says so: N(0, I), or a mixture's marginals. */
export function collapseReference(model: Pick<ModelConfig, 'prior'>): 'standard' | 'mixture' {
  return priorKind(model) === 'standard' ? 'standard' : 'mixture';
}
