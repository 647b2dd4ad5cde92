// Active units (Burda et al. 2016, "Importance Weighted Autoencoders"): dimensions i with Var_x E_q[z_i|x] > 0.01.
import { activeUnits } from '../diagnostics';

/** Var_x of each column of μ (n × d row-major), population variance as in Burda et al. */
export function posteriorMeanVariance(mu: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  const v = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += mu[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) v[j] += (mu[i * d + j] - mean[j]) ** 2 / n;
  return v;
}

/** How many of the d dimensions are active (variance of μ over the data above the threshold). */
export function activeUnitsOfCodes(mu: ArrayLike<number>, n: number, d: number, threshold = 0.01): number {
  return activeUnits(posteriorMeanVariance(mu, n, d), threshold);
}
