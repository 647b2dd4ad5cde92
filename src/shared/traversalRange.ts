// The value ranges a latent traversal sweeps, as disentanglement_lib's visualize_model offers them: a fixed
// interval of the prior (±kσ), quantiles of the prior N(0, 1) (its cycle_gaussian, Φ⁻¹ of evenly spaced
// probabilities' ends), and the data's min/max of μ per dimension (its minmax_interval_cycle). As there, the
// traversed coordinate takes these absolute values; the other coordinates stay at the centre's.
import { normalQuantile } from './normalQuantile';

export type TraverseRange = { kind: 'sigma'; k: number } | { kind: 'quantile'; p: number } | { kind: 'data' };

export const DEFAULT_TRAVERSE_RANGE: TraverseRange = { kind: 'sigma', k: 3 };

/** [lo, hi] of dimension `dim`: ±k for the prior's kσ, [Φ⁻¹(p), Φ⁻¹(1 − p)] for its quantiles, [min μ, max μ] for the data; null when the data's range is unknown. */
export function traverseBounds(range: TraverseRange, dim: number, data: { muMin: number[]; muMax: number[] } | null): [number, number] | null {
  if (range.kind === 'sigma') return [-range.k, range.k];
  if (range.kind === 'quantile') return [normalQuantile(range.p), normalQuantile(1 - range.p)];
  if (!data || dim >= data.muMin.length) return null;
  return [data.muMin[dim], data.muMax[dim]];
}

/** `steps` evenly spaced values from lo to hi, both ends included (numpy's linspace). */
export function linspace(lo: number, hi: number, steps: number): number[] {
  if (steps === 1) return [lo];
  return Array.from({ length: steps }, (_, k) => lo + ((hi - lo) * k) / (steps - 1));
}
