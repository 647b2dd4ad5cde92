// The Fréchet distance between two Gaussians fitted to feature vectors (Dowson & Landau 1982; the formula FID uses,
// Heusel et al. 2017): d² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^{1/2}). The trace of the square root is taken
// as tr((Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}), the same value from a symmetric matrix (no complex parts to discard).
// With Inception-v3 pool features this would be FID; the features here come from whatever network the caller names.
import { columnMeans, covariance, matMul, sqrtPsd, symmetricEigen } from './linalg';

/** d² between N(m1, c1) and N(m2, c2) (covariances d × d row-major). */
export function frechetDistanceGaussians(m1: ArrayLike<number>, c1: ArrayLike<number>, m2: ArrayLike<number>, c2: ArrayLike<number>, d: number): number {
  let meanTerm = 0;
  let trace = 0;
  for (let i = 0; i < d; i++) {
    meanTerm += (m1[i] - m2[i]) ** 2;
    trace += c1[i * d + i] + c2[i * d + i];
  }
  const s1 = sqrtPsd(c1, d);
  const inner = matMul(matMul(s1, c2, d), s1, d);
  // symmetrise against rounding before the eigendecomposition
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) inner[i * d + j] = inner[j * d + i] = 0.5 * (inner[i * d + j] + inner[j * d + i]);
  }
  const { values } = symmetricEigen(inner, d);
  let traceSqrt = 0;
  for (const v of values) traceSqrt += Math.sqrt(Math.max(v, 0));
  return Math.max(0, meanTerm + trace - 2 * traceSqrt);
}

/** d² between the Gaussians fitted (mean, covariance with ddof = 1) to two sets of feature rows. */
export function frechetDistance(a: ArrayLike<number>, na: number, b: ArrayLike<number>, nb: number, d: number): number {
  return frechetDistanceGaussians(columnMeans(a, na, d), covariance(a, na, d), columnMeans(b, nb, d), covariance(b, nb, d), d);
}
