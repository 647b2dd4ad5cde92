// Exact k nearest neighbours of query codes among reference codes (Euclidean), by brute force in row blocks:
// ‖q − r‖² = ‖q‖² + ‖r‖² − 2 q·r, the q·r block a matMul on the backend (BLAS when the native kernels load),
// the k smallest of each row kept by insertion into a sorted list of k. Exact, and fast enough for the map's
// sizes (100 000 queries × 5 000 references × 32 dims is ~16 GFLOP of matMul), unlike an approximate index it
// needs no tuning. Between blocks it yields to the event loop, so a job can read a cancel and report progress.
import * as tf from '@tensorflow/tfjs-core';

export interface Neighbours {
  k: number;
  /** queries × k, row-major, nearest first. */
  indices: Int32Array;
  /** queries × k Euclidean distances, ascending per row. */
  distances: Float32Array;
}

export interface KnnOptions {
  /** Skip the reference with the query's own index (queries and references are the same set). */
  excludeSelf?: boolean;
  /** Query rows per block (memory: rows × nRefs floats). */
  blockRows?: number;
  /** Called after each block with the rows done; return false to stop (the result is then null). */
  onBlock?: (done: number, total: number) => boolean | Promise<boolean>;
}

/** k nearest references of each query; `queries` is nq × d and `refs` nr × d, row-major. */
export async function nearestNeighbours(queries: Float32Array, nq: number, refs: Float32Array, nr: number, d: number, k: number, opts: KnnOptions = {}): Promise<Neighbours | null> {
  const kk = Math.min(k, nr - (opts.excludeSelf ? 1 : 0));
  const indices = new Int32Array(nq * kk);
  const distances = new Float32Array(nq * kk);
  const block = opts.blockRows ?? Math.max(64, Math.floor(4_000_000 / Math.max(1, nr)));
  const refT = tf.tensor2d(refs, [nr, d]);
  const refNorms = tf.tidy(() => tf.sum(tf.square(refT), 1));
  const rn = await refNorms.data();
  const bestD = new Float64Array(kk);
  const bestI = new Int32Array(kk);
  try {
    for (let start = 0; start < nq; start += block) {
      const rows = Math.min(block, nq - start);
      const dots = tf.tidy(() => tf.matMul(tf.tensor2d(queries.subarray(start * d, (start + rows) * d), [rows, d]), refT, false, true));
      const qr = await dots.data();
      dots.dispose();
      for (let r = 0; r < rows; r++) {
        const q = start + r;
        let qn = 0;
        for (let j = 0; j < d; j++) qn += queries[q * d + j] ** 2;
        bestD.fill(Infinity);
        bestI.fill(-1);
        const row = r * nr;
        for (let c = 0; c < nr; c++) {
          if (opts.excludeSelf && c === q) continue;
          const dist = qn + rn[c] - 2 * qr[row + c];
          if (dist >= bestD[kk - 1]) continue;
          // insertion into the sorted k-list
          let p = kk - 1;
          while (p > 0 && bestD[p - 1] > dist) {
            bestD[p] = bestD[p - 1];
            bestI[p] = bestI[p - 1];
            p--;
          }
          bestD[p] = dist;
          bestI[p] = c;
        }
        for (let j = 0; j < kk; j++) {
          indices[q * kk + j] = bestI[j];
          // cancellation in the expansion can leave a tiny negative square
          distances[q * kk + j] = Math.sqrt(Math.max(0, bestD[j]));
        }
      }
      if (opts.onBlock && !(await opts.onBlock(start + rows, nq))) return null;
      await new Promise((res) => setImmediate(res));
    }
  } finally {
    tf.dispose([refT, refNorms]);
  }
  return { k: kk, indices, distances };
}
