// Gaussian total correlation of the codes, as disentanglement_lib's evaluation/metrics/unsupervised_metrics.py
// `gaussian_total_correlation(np.cov(mus))`: the KL divergence between the Gaussian fitted to μ(x) and the product
// of its marginals, TC = ½ (Σ_i log Σ_ii − log det Σ), in nats. 0 exactly when the dimensions are uncorrelated.
import { covariance, logDetSpd } from './linalg';

/** TC of N(0, Σ) = ½ (Σ log diag Σ − log det Σ); null when Σ is singular (a constant or collinear dimension). */
export function gaussianTotalCorrelation(cov: ArrayLike<number>, d: number): number | null {
  const logDet = logDetSpd(cov, d);
  if (logDet === null) return null;
  let logDiag = 0;
  for (let i = 0; i < d; i++) logDiag += Math.log(cov[i * d + i]);
  return 0.5 * (logDiag - logDet);
}

/** TC of the Gaussian fitted to n codes (n × d row-major), covariance with ddof = 1 as np.cov. */
export function totalCorrelationOfCodes(codes: ArrayLike<number>, n: number, d: number): number | null {
  return gaussianTotalCorrelation(covariance(codes, n, d), d);
}
