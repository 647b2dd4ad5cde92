// Latent traversals: one row per dimension (highest KL first, so the dimensions the model uses come first). As in
// disentanglement_lib, the traversed coordinate takes the values of the chosen range (shared/traversalRange.ts)
// while the others stay at the centre's code (image A's, or the origin).
import { drawGrid } from './imageGrid';
import type { PageVae } from './pageVae';

export const TRAVERSE_STEPS = 9;
export const TRAVERSE_ROWS = 8;

/** Dimensions by decreasing KL. */
export function dimensionOrder(klPerDim: number[]): number[] {
  return klPerDim.map((kl, d) => ({ kl, d })).sort((x, y) => y.kl - x.kl).map((e) => e.d);
}

/** Row r: the centre with coordinate dims[r] replaced by values[r][k], k = 0 … steps − 1. */
export function traversalCodes(center: Float32Array, dims: number[], values: number[][]): Float32Array {
  const d = center.length;
  const codes = new Float32Array(dims.length * TRAVERSE_STEPS * d);
  dims.forEach((dim, r) => {
    for (let k = 0; k < TRAVERSE_STEPS; k++) {
      const at = (r * TRAVERSE_STEPS + k) * d;
      codes.set(center, at);
      codes[at + dim] = values[r][k];
    }
  });
  return codes;
}

/** Draws the traversal grid of `dims` (one row each, its values from `valuesOf`). */
export function drawTraversal(canvas: HTMLCanvasElement, vae: PageVae, shape: [number, number, number], dims: number[], valuesOf: (dim: number) => number[], center: Float32Array): void {
  const n = dims.length * TRAVERSE_STEPS;
  drawGrid(canvas, vae.decode(traversalCodes(center, dims, dims.map(valuesOf)), n), n, shape[0], shape[1], shape[2] as 1 | 3, TRAVERSE_STEPS);
}
