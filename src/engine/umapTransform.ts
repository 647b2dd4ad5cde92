// Placing new points into a fitted UMAP embedding, as umap-learn's `transform` initialises them: each new code's
// k nearest neighbours among the fitted codes get fuzzy membership weights w_j = exp(−d_j/σ) (smooth_knn_dist
// with local_connectivity − 1 = 0, so ρ = 0), σ chosen so that Σ_{j≥1} w_j = log₂ k, and the new point goes to
// the weighted mean Σ w_j y_j / Σ w_j of those neighbours' embedded positions, or onto a neighbour it equals
// (weight 1: distance 0) (init_graph_transform).
// umap-learn then refines with a few epochs of its layout optimisation; the map skips that step: the weighted
// mean already puts a point inside its neighbours' cluster, and the refinement is what made umap-js's own
// transform take minutes for 100 000 points.
import type { Neighbours } from './knn';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/**
 * σ and ρ of one point's neighbour distances (ascending): Σ_{j≥1} exp(−max(0, d_j − ρ)/σ) = log₂ k, by bisection.
 * `localConnectivity` 1 (fitting) makes ρ the nearest non-zero distance; 0 (transform) makes ρ = 0.
 */
export function smoothKnnDist(distances: ArrayLike<number>, meanDistance: number, localConnectivity: 0 | 1 = 0): { sigma: number; rho: number } {
  const k = distances.length;
  const target = Math.log2(k);
  let rho = 0;
  for (let j = 0; j < k && localConnectivity === 1; j++) {
    if (distances[j] > 0) {
      rho = distances[j];
      break;
    }
  }
  let lo = 0;
  let hi = Infinity;
  let mid = 1;
  for (let it = 0; it < 64; it++) {
    let psum = 0;
    for (let j = 1; j < k; j++) {
      const dd = distances[j] - rho;
      psum += dd > 0 ? Math.exp(-dd / mid) : 1;
    }
    if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
    if (psum > target) {
      hi = mid;
      mid = (lo + hi) / 2;
    } else {
      lo = mid;
      mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
    }
  }
  // umap-learn keeps σ away from zero for points whose neighbours all sit at one distance
  let mean = 0;
  for (let j = 0; j < k; j++) mean += distances[j] / k;
  const floor = MIN_K_DIST_SCALE * (rho > 0 ? mean : meanDistance);
  return { sigma: Math.max(mid, floor), rho };
}

/**
 * New points' 2-D positions from their neighbours among the fitted points (`nb`, indices into `embedding`,
 * which is nFitted × 2): the membership-weighted mean of the neighbours' positions.
 */
export function placeByNeighbours(nb: Neighbours, count: number, embedding: Float32Array): Float32Array {
  const out = new Float32Array(count * 2);
  const { k } = nb;
  let meanDistance = 0;
  for (let i = 0; i < nb.distances.length; i++) meanDistance += nb.distances[i] / nb.distances.length;
  for (let i = 0; i < count; i++) {
    const row = nb.distances.subarray(i * k, (i + 1) * k);
    const { sigma, rho } = smoothKnnDist(row, meanDistance);
    let wsum = 0;
    let x = 0;
    let y = 0;
    const same = row.findIndex((dist) => dist === 0);
    if (same >= 0) {
      const n = nb.indices[i * k + same];
      out[2 * i] = embedding[2 * n];
      out[2 * i + 1] = embedding[2 * n + 1];
      continue;
    }
    for (let j = 0; j < k; j++) {
      const w = Math.exp(-Math.max(0, row[j] - rho) / sigma);
      const n = nb.indices[i * k + j];
      x += w * embedding[2 * n];
      y += w * embedding[2 * n + 1];
      wsum += w;
    }
    out[2 * i] = x / wsum;
    out[2 * i + 1] = y / wsum;
  }
  return out;
}
