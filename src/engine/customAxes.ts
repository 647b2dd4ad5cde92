// A custom projection of the codes (as the Embedding Projector's): x along the axis from one label's centroid to
// another's, y along a second label pair's axis or the first principal direction of what x leaves, both unit
// vectors and orthogonal (Gram–Schmidt), so the plane keeps an inverse like PCA's: (x, y) ↦ mean + x·u + y·v.
import { pca2, type Pca2 } from './pca';

/** Mean code of the images with each label: count × d codes, labels in 0..nLabels−1 → nLabels × d (NaN when empty). */
export function labelCentroids(codes: Float32Array, labels: Int32Array, nLabels: number, d: number): Float64Array[] {
  const sums = Array.from({ length: nLabels }, () => new Float64Array(d));
  const counts = new Float64Array(nLabels);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    counts[l]++;
    for (let j = 0; j < d; j++) sums[l][j] += codes[i * d + j];
  }
  return sums.map((s, l) => s.map((v) => v / counts[l]));
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
};

/** centroid(to) − centroid(from), unit length; null when the two centroids coincide or a label has no images. */
export function labelAxis(centroids: Float64Array[], from: number, to: number): Float64Array | null {
  const v = centroids[to].map((x, j) => x - centroids[from][j]);
  const n = Math.sqrt(dot(v, v));
  return n > 1e-12 && Number.isFinite(n) ? v.map((x) => x / n) : null;
}

export interface CustomPlane {
  mean: Float64Array;
  components: [Float64Array, Float64Array];
  /** Variance of the codes along each axis, and in total (for "explains x %"). */
  variances: [number, number];
  totalVariance: number;
  projected: Float32Array;
}

/** The plane spanned by `u` (unit) and `y` (a unit axis, or 'pca': the top principal direction of the codes with u projected out). */
export function customPlane(codes: Float32Array, count: number, d: number, u: Float64Array, y: Float64Array | 'pca'): CustomPlane {
  const base: Pca2 = pca2(codes, count, d);
  const mean = base.mean;
  let v: Float64Array;
  if (y === 'pca') {
    // the residual codes r = c − ((c − mean)·u) u, whose top principal direction is orthogonal to u
    const resid = new Float32Array(count * d);
    for (let i = 0; i < count; i++) {
      let t = 0;
      for (let j = 0; j < d; j++) t += (codes[i * d + j] - mean[j]) * u[j];
      for (let j = 0; j < d; j++) resid[i * d + j] = codes[i * d + j] - t * u[j];
    }
    v = pca2(resid, count, d).components[0];
  } else {
    v = y.map((x, j) => x - dot(y, u) * u[j]);
  }
  // Gram–Schmidt once more: power iteration and rounding leave a trace of u in v
  const along = dot(v, u);
  v = v.map((x, j) => x - along * u[j]);
  const n = Math.sqrt(dot(v, v));
  v = n > 1e-12 ? v.map((x) => x / n) : new Float64Array(d);
  const projected = new Float32Array(count * 2);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < count; i++) {
    let x = 0;
    let yy = 0;
    for (let j = 0; j < d; j++) {
      const c = codes[i * d + j] - mean[j];
      x += c * u[j];
      yy += c * v[j];
    }
    projected[2 * i] = x;
    projected[2 * i + 1] = yy;
    sx += x * x;
    sy += yy * yy;
  }
  const dof = Math.max(1, count - 1);
  return { mean, components: [u, v], variances: [sx / dof, sy / dof], totalVariance: base.totalVariance, projected };
}
