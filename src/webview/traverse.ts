// Latent traversals: one row per dimension (highest KL first, so the dimensions the model uses come first),
// moving that coordinate from −3σ to +3σ of the prior around image A's code or the origin.
import { drawGrid } from './imageGrid';
import type { PageVae } from './pageVae';

export const TRAVERSE_STEPS = 9;
export const TRAVERSE_ROWS = 8;

/** Dimensions by decreasing KL. */
export function dimensionOrder(klPerDim: number[]): number[] {
  return klPerDim.map((kl, d) => ({ kl, d })).sort((x, y) => y.kl - x.kl).map((e) => e.d);
}

export function traversalCodes(center: Float32Array, dims: number[]): Float32Array {
  const d = center.length;
  const codes = new Float32Array(dims.length * TRAVERSE_STEPS * d);
  dims.forEach((dim, r) => {
    for (let k = 0; k < TRAVERSE_STEPS; k++) {
      const at = (r * TRAVERSE_STEPS + k) * d;
      codes.set(center, at);
      codes[at + dim] = center[dim] + (-3 + (6 * k) / (TRAVERSE_STEPS - 1));
    }
  });
  return codes;
}

/** Draws the traversal grid and returns the dimensions shown, row by row. */
export function drawTraversal(canvas: HTMLCanvasElement, vae: PageVae, shape: [number, number, number], klPerDim: number[], center: Float32Array): number[] {
  const dims = dimensionOrder(klPerDim).slice(0, TRAVERSE_ROWS);
  const n = dims.length * TRAVERSE_STEPS;
  drawGrid(canvas, vae.decode(traversalCodes(center, dims), n), n, shape[0], shape[1], shape[2] as 1 | 3, TRAVERSE_STEPS);
  return dims;
}
