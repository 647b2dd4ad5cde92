// A Gaussian mixture with diagonal covariances over the latent space: the aggregate posterior's stand-in that the
// job process fits to the dataset's μ (engine/gmm.ts) and the page samples from (views/samples.ts).
import { Rng } from './rng';

export interface GaussianMixture {
  /** π_k, summing to 1. */
  weights: number[];
  /** K × d. */
  means: number[][];
  /** K × d diagonal variances σ²_kj. */
  variances: number[][];
}

/** A standard normal draw (Box–Muller), as the prior samples draw theirs (webview/pageVae.ts priorCodes). */
export function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * n codes from the mixture: k ~ Cat(π), then z = m_k + T·σ_k ⊙ ε with ε ~ N(0, I); the temperature T scales the
 * spread around each component as it scales the prior's. Seeded, so the same seed gives the same codes.
 */
export function sampleMixture(g: GaussianMixture, n: number, temperature: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const d = g.means[0].length;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let u = rng.next();
    let k = 0;
    while (k < g.weights.length - 1 && u >= g.weights[k]) u -= g.weights[k++];
    for (let j = 0; j < d; j++) out[i * d + j] = g.means[k][j] + temperature * Math.sqrt(g.variances[k][j]) * gaussian(rng);
  }
  return out;
}
