// A VQ-VAE in the page: its codebook (from the saved weights), the nearest code of each cell of an encoded grid,
// the quantised grid z_q of a list of codes (a codebook lookup, which the decoder then reads), and codes drawn
// from the uniform prior over the K codes. Plain arrays: K·D and the grid are small.
import { Rng } from '../shared/rng';

export interface PageCodebook {
  /** [K, D] row-major. */
  values: Float32Array;
  size: number;
  dim: number;
  /** [height, width] of the code grid. */
  grid: [number, number];
}

/** argmin_k ‖z_i − e_k‖² for every cell i of a flattened grid z [cells·D]. */
export function nearestCodesJs(z: ArrayLike<number>, cb: PageCodebook): Int32Array {
  const cells = z.length / cb.dim;
  const out = new Int32Array(cells);
  for (let i = 0; i < cells; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let k = 0; k < cb.size; k++) {
      let d = 0;
      for (let j = 0; j < cb.dim; j++) {
        const v = z[i * cb.dim + j] - cb.values[k * cb.dim + j];
        d += v * v;
      }
      if (d < bestD) [best, bestD] = [k, d];
    }
    out[i] = best;
  }
  return out;
}

/** z_q for grids of codes: each code replaced by its vector, grid after grid ([n·cells] codes → [n·cells·D]). */
export function lookupCodes(codes: ArrayLike<number>, cb: PageCodebook): Float32Array {
  const out = new Float32Array(codes.length * cb.dim);
  for (let i = 0; i < codes.length; i++) out.set(cb.values.subarray(codes[i] * cb.dim, (codes[i] + 1) * cb.dim), i * cb.dim);
  return out;
}

/** n grids of codes from the uniform prior: every cell independently one of the K codes, equally likely. */
export function uniformCodes(n: number, cb: PageCodebook, seed: number): Int32Array {
  const rng = new Rng(seed);
  const cells = cb.grid[0] * cb.grid[1];
  return Int32Array.from({ length: n * cells }, () => Math.floor(rng.next() * cb.size));
}
