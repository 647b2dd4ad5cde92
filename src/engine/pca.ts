// PCA to two dimensions for the latent map: the top-2 eigenvectors of the covariance of the codes, by power
// iteration with deflation (the covariance is only latentDim × latentDim, so this is cheap and exact enough).

export interface Pca2 {
  mean: Float64Array;
  /** Unit principal directions, each of length d. */
  components: [Float64Array, Float64Array];
  /** Variance along each component, and the total variance (for "explains x %"). */
  variances: [number, number];
  totalVariance: number;
  /** n × 2 coordinates, row-major. */
  projected: Float32Array;
}

function covariance(data: ArrayLike<number>, n: number, d: number, mean: Float64Array): Float64Array {
  const c = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = data[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      for (let b = a; b < d; b++) c[a * d + b] += ra * row[b];
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = c[a * d + b] / Math.max(1, n - 1);
      c[a * d + b] = v;
      c[b * d + a] = v;
    }
  }
  return c;
}

/** The dominant eigenvector of a symmetric matrix (power iteration from a fixed start, so results are stable). */
function dominant(c: Float64Array, d: number): { vector: Float64Array; value: number } {
  let v = new Float64Array(d).map((_, i) => 1 / Math.sqrt(d) + i * 1e-3);
  let value = 0;
  for (let it = 0; it < 500; it++) {
    const w = new Float64Array(d);
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += c[a * d + b] * v[b];
      w[a] = s;
    }
    const norm = Math.hypot(...w);
    if (norm === 0) break;
    for (let a = 0; a < d; a++) w[a] /= norm;
    const delta = w.reduce((acc, x, a) => acc + Math.abs(x - v[a]), 0);
    v = w;
    value = norm;
    if (delta < 1e-10) break;
  }
  return { vector: v, value };
}

export function pca2(data: ArrayLike<number>, n: number, d: number): Pca2 {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  const c = covariance(data, n, d, mean);
  let totalVariance = 0;
  for (let j = 0; j < d; j++) totalVariance += c[j * d + j];
  const first = dominant(c, d);
  // deflate: C − λ v vᵀ leaves the second direction dominant
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) c[a * d + b] -= first.value * first.vector[a] * first.vector[b];
  const second = d > 1 ? dominant(c, d) : { vector: new Float64Array(d), value: 0 };
  const projected = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j] - mean[j];
      x += v * first.vector[j];
      y += v * second.vector[j];
    }
    projected[2 * i] = x;
    projected[2 * i + 1] = y;
  }
  return { mean, components: [first.vector, second.vector], variances: [first.value, second.value], totalVariance, projected };
}
