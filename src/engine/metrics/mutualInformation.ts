// I(x; z) under the aggregate posterior q(z) = (1/N) Σ_n q(z|x_n), estimated per minibatch as jxhe/vae-lagging-encoder
// (He et al. 2019, "Lagging Inference Networks and Posterior Collapse in VAEs") `calc_mi`:
//   I ≈ E_x E_q(z|x)[log q(z|x)] − E_x E_q(z|x)[log q(z)], with one z ∼ q(z|x_i) per image and
//   log q(z) ≈ logsumexp_j log q(z|x_j) − log B over the B images of the batch.
// The estimate cannot exceed log B (each z's own posterior is one of the B terms), so the bound is reported beside it.

/** The estimator on one batch: B rows of μ, log σ² (B × d) and standard normal noise ε (B × d). */
export function calcMi(mu: ArrayLike<number>, logvar: ArrayLike<number>, eps: ArrayLike<number>, b: number, d: number): number {
  const log2pi = Math.log(2 * Math.PI);
  // E_q(z|x) log q(z|x) = −d/2 log 2π − ½ Σ (1 + log σ²)
  let negEntropy = 0;
  for (let i = 0; i < b; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += 1 + logvar[i * d + k];
    negEntropy += (-0.5 * d * log2pi - 0.5 * s) / b;
  }
  const z = new Float64Array(b * d);
  for (let q = 0; q < b * d; q++) z[q] = mu[q] + Math.exp(0.5 * logvar[q]) * eps[q];
  const logNorm = new Float64Array(b);
  for (let j = 0; j < b; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += logvar[j * d + k];
    logNorm[j] = -0.5 * (d * log2pi + s);
  }
  const logDensity = new Float64Array(b);
  let meanLogQz = 0;
  for (let i = 0; i < b; i++) {
    let max = -Infinity;
    for (let j = 0; j < b; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (z[i * d + k] - mu[j * d + k]) ** 2 / Math.exp(logvar[j * d + k]);
      logDensity[j] = -0.5 * s + logNorm[j];
      max = Math.max(max, logDensity[j]);
    }
    let sum = 0;
    for (let j = 0; j < b; j++) sum += Math.exp(logDensity[j] - max);
    meanLogQz += (max + Math.log(sum) - Math.log(b)) / b;
  }
  return negEntropy - meanLogQz;
}

/**
 * The estimate over a dataset as the reference code's evaluation does: batches of `batchSize`, each batch's
 * estimate weighted by its size. Returns the estimate and log B, the largest value it can take.
 */
export function mutualInformation(mu: ArrayLike<number>, logvar: ArrayLike<number>, eps: ArrayLike<number>, n: number, d: number, batchSize: number): { value: number; bound: number; batchSize: number } {
  const b = Math.min(batchSize, n);
  let total = 0;
  for (let start = 0; start < n; start += b) {
    const end = Math.min(n, start + b);
    const rows = (x: ArrayLike<number>) => Array.prototype.slice.call(x, start * d, end * d) as number[];
    total += calcMi(rows(mu), rows(logvar), rows(eps), end - start, d) * (end - start);
  }
  return { value: total / n, bound: Math.log(b), batchSize: b };
}
