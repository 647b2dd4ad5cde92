// The posterior-collapse verdict, one rule for every place that states it (eval --json, the panel, remedies).
// A dimension whose average KL(q(z_i|x) || p(z_i)) is below 0.01 nats has collapsed onto the prior: q ignores x
// there and the decoder receives nothing through it.

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
