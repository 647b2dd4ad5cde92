// UMAP (McInnes et al. 2018) of latent codes to 2-D, through umap-js, seeded so a map is reproducible. Unlike
// PCA it keeps local neighbourhoods (clusters) at the price of distances and of an inverse map: a point of a
// UMAP plane has no latent code of its own, so the page decodes the nearest image's code instead.
// The k-NN graph is computed exactly here (engine/knn.ts, in blocks that yield) and handed to umap-js, whose
// layout then runs one epoch at a time: both stages report progress and stop when asked.
import { UMAP } from 'umap-js';
import { Rng } from '../shared/rng';
import { nearestNeighbours } from './knn';

export interface Umap2Options {
  nNeighbors?: number;
  minDist?: number;
  seed?: number;
  /** Progress: the neighbour graph (rows done of count), then the layout (epochs done of the total). */
  onProgress?: (stage: 'neighbours' | 'layout', done: number, total: number) => void;
  /** Polled between blocks and epochs; true stops the fit (the result is then null). */
  cancelled?: () => boolean;
}

/** The neighbour count umap-js can use for `count` points (it needs more points than neighbours). */
export const umapNeighbours = (count: number, wanted = 15): number => Math.max(2, Math.min(wanted, count - 1));

/** count × dim codes (row-major) → count × 2 coordinates; null when cancelled. */
export async function umap2(codes: Float32Array, count: number, dim: number, opts: Umap2Options = {}): Promise<Float32Array | null> {
  const k = umapNeighbours(count, opts.nNeighbors);
  const yieldNow = () => new Promise((res) => setImmediate(res));
  // the graph includes each point itself at distance 0, as umap-learn's and umap-js's own do
  const nb = await nearestNeighbours(codes, count, codes, count, dim, k, {
    onBlock: (done, total) => {
      opts.onProgress?.('neighbours', done, total);
      return !opts.cancelled?.();
    },
  });
  if (!nb) return null;
  const rng = new Rng(opts.seed ?? 1);
  const umap = new UMAP({ nComponents: 2, nNeighbors: k, minDist: opts.minDist ?? 0.1, random: () => rng.next() });
  umap.setPrecomputedKNN(
    Array.from({ length: count }, (_, i) => Array.from(nb.indices.subarray(i * nb.k, (i + 1) * nb.k))),
    Array.from({ length: count }, (_, i) => Array.from(nb.distances.subarray(i * nb.k, (i + 1) * nb.k))),
  );
  const rows = Array.from({ length: count }, (_, i) => Array.from(codes.subarray(i * dim, (i + 1) * dim)));
  const epochs = umap.initializeFit(rows);
  await yieldNow();
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if (e % 5 === 4 || e === epochs - 1) {
      opts.onProgress?.('layout', e + 1, epochs);
      await yieldNow();
      if (opts.cancelled?.()) return null;
    }
  }
  const out = new Float32Array(count * 2);
  umap.getEmbedding().forEach(([x, y], i) => {
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  return out;
}
