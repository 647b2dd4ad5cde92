// The k nearest neighbours of one latent code among a dataset's codes (μ(x), N × d row-major), by Euclidean or
// cosine distance: the k-NN inspector's maths, plain loops over Float32Array so the job process and the tests
// share it. Exact (a scan of all N codes): 100 000 codes × 32 dimensions is a few million multiply-adds, well
// under the time a person waits for a click, and it needs no index to build or keep in step with the weights.

export type LatentMetric = 'euclidean' | 'cosine';

export interface Neighbour {
  /** Row of the code among the dataset's codes (the image's index in the dataset's order). */
  index: number;
  distance: number;
}

/** Euclidean distance ‖a − b‖₂ = √Σ_j (a_j − b_j)² between `query` and row `row` of `codes` (d columns). */
export function euclideanDistance(codes: ArrayLike<number>, row: number, query: ArrayLike<number>, d: number): number {
  let s = 0;
  const o = row * d;
  for (let j = 0; j < d; j++) {
    const diff = codes[o + j] - query[j];
    s += diff * diff;
  }
  return Math.sqrt(s);
}

/**
 * Cosine distance 1 − a·b / (‖a‖ ‖b‖), in [0, 2]. A zero vector has no direction, so its cosine similarity to
 * anything (itself included) is taken as 0: distance 1, the distance of an orthogonal vector. That keeps every
 * distance finite, and a collapsed code at the origin ranks neither nearest nor farthest.
 */
export function cosineDistance(codes: ArrayLike<number>, row: number, query: ArrayLike<number>, d: number, queryNorm = norm(query, 0, d)): number {
  let dot = 0;
  let nn = 0;
  const o = row * d;
  for (let j = 0; j < d; j++) {
    dot += codes[o + j] * query[j];
    nn += codes[o + j] * codes[o + j];
  }
  const denominator = Math.sqrt(nn) * queryNorm;
  if (denominator === 0) return 1;
  // rounding can put a·b/(‖a‖‖b‖) a hair outside [−1, 1]
  return 1 - Math.max(-1, Math.min(1, dot / denominator));
}

/** ‖v‖₂ of `d` values of `v` from `offset`. */
export function norm(v: ArrayLike<number>, offset: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += v[offset + j] * v[offset + j];
  return Math.sqrt(s);
}

/** Row `row` of `codes` (N × d) as its own vector. */
export function codeOf(codes: Float32Array, row: number, d: number): Float32Array {
  return codes.slice(row * d, (row + 1) * d);
}

/**
 * The `k` rows of `codes` (N × d) nearest to `query` by `metric`, nearest first. Ties are broken by the lower
 * index, so the answer does not depend on the scan order. `exclude` (the query's own row) is left out. Fewer
 * than k when the dataset has fewer rows.
 */
export function nearestNeighbours(codes: Float32Array, d: number, query: ArrayLike<number>, k: number, metric: LatentMetric, exclude = -1): Neighbour[] {
  if (d < 1 || codes.length % d !== 0) throw new Error(`knn: ${codes.length} values are not rows of ${d}`);
  if (query.length !== d) throw new Error(`knn: the query has ${query.length} values, the codes ${d}`);
  const n = codes.length / d;
  if (k < 1) return [];
  const queryNorm = norm(query, 0, d);
  // the best k so far, sorted nearest first; insertion keeps it sorted (k is small next to N)
  const best: Neighbour[] = [];
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    const distance = metric === 'cosine' ? cosineDistance(codes, i, query, d, queryNorm) : euclideanDistance(codes, i, query, d);
    // rows come in increasing index, so a later row only enters ahead of a strictly farther one
    if (best.length === k && !(distance < best[k - 1].distance)) continue;
    let at = best.length;
    while (at > 0 && distance < best[at - 1].distance) at--;
    best.splice(at, 0, { index: i, distance });
    if (best.length > k) best.pop();
  }
  return best;
}
