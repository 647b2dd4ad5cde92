// UMAP (McInnes et al. 2018) of latent codes to 2-D, through umap-js, seeded so a map is reproducible. Unlike
// PCA it keeps local neighbourhoods (clusters) at the price of distances and of an inverse map: a point of a
// UMAP plane has no latent code of its own, so the page decodes the nearest image's code instead.
import { UMAP } from 'umap-js';
import { Rng } from '../shared/rng';

export interface Umap2Options {
  nNeighbors?: number;
  minDist?: number;
  seed?: number;
}

/** count × dim codes (row-major) → count × 2 coordinates. */
export function umap2(codes: Float32Array, count: number, dim: number, opts: Umap2Options = {}): Float32Array {
  const rows = Array.from({ length: count }, (_, i) => Array.from(codes.subarray(i * dim, (i + 1) * dim)));
  const rng = new Rng(opts.seed ?? 1);
  const umap = new UMAP({
    nComponents: 2,
    // umap-js needs more points than neighbours
    nNeighbors: Math.max(2, Math.min(opts.nNeighbors ?? 15, count - 1)),
    minDist: opts.minDist ?? 0.1,
    random: () => rng.next(),
  });
  const embedding = umap.fit(rows);
  const out = new Float32Array(count * 2);
  embedding.forEach(([x, y], i) => {
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  return out;
}
