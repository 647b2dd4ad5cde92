// disentanglement_lib's discretisation and discrete information measures (evaluation/metrics/utils.py), in the
// same arithmetic: `_histogram_discretize` (np.digitize over np.histogram's edges without the last) and
// `discrete_mutual_info` / `discrete_entropy` (sklearn.metrics.mutual_info_score, natural log).

/** np.digitize(x, np.histogram(x, bins)[1][:-1]): bin numbers 1..bins of equal-width bins over [min, max]. */
export function histogramDiscretize(x: ArrayLike<number>, bins = 20): Int32Array {
  const n = x.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
  }
  // np.histogram widens a range of zero width to ±0.5
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  // np.linspace(lo, hi, bins + 1) computes i·step + lo
  const step = (hi - lo) / bins;
  const edges = Float64Array.from({ length: bins }, (_, i) => i * step + lo);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // np.digitize (increasing edges, right = False): how many edges are ≤ x
    let k = 0;
    while (k < bins && edges[k] <= x[i]) k++;
    out[i] = k;
  }
  return out;
}

/** Contiguous class numbers 0..K−1 for arbitrary integer codes, and K. */
function relabel(codes: ArrayLike<number>): { labels: Int32Array; k: number } {
  const map = new Map<number, number>();
  const labels = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    let c = map.get(codes[i]);
    if (c === undefined) map.set(codes[i], (c = map.size));
    labels[i] = c;
  }
  return { labels, k: map.size };
}

/** I(a; b) = Σ_ij p_ij log(p_ij / (p_i p_j)) in nats, from the contingency table (sklearn's mutual_info_score). */
export function mutualInfoScore(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new Error(`mutualInfoScore: ${n} and ${b.length} values`);
  const ra = relabel(a);
  const rb = relabel(b);
  // sklearn: a single cluster in either labelling has zero mutual information
  if (n === 0 || ra.k === 1 || rb.k === 1) return 0;
  const joint = new Float64Array(ra.k * rb.k);
  const pa = new Float64Array(ra.k);
  const pb = new Float64Array(rb.k);
  for (let i = 0; i < n; i++) {
    joint[ra.labels[i] * rb.k + rb.labels[i]]++;
    pa[ra.labels[i]]++;
    pb[rb.labels[i]]++;
  }
  let mi = 0;
  for (let i = 0; i < ra.k; i++) {
    for (let j = 0; j < rb.k; j++) {
      const nij = joint[i * rb.k + j];
      if (nij > 0) mi += (nij / n) * (Math.log(nij) + Math.log(n) - Math.log(pa[i]) - Math.log(pb[j]));
    }
  }
  return Math.max(mi, 0);
}

/** H(y) = I(y; y) in nats (disentanglement_lib's discrete_entropy). */
export function discreteEntropy(y: ArrayLike<number>): number {
  return mutualInfoScore(y, y);
}
