// Codes drawn from a mixture of diagonal Gaussians given as plain arrays: the MoG prior and the VampPrior (whose
// components are q(z|u_k) of its pseudo-inputs) both sample this way, in the job process and in the page.
import { Rng } from './rng';

/** A mixture's K components over D dimensions: means and log-variances [K·D] row-major, log π_k [K] (normalised). */
export interface MixtureComponents {
  k: number;
  d: number;
  means: Float32Array;
  logvars: Float32Array;
  logWeights: Float32Array;
}

/** The component of each of n codes: `component` for all, else drawn from π (inverse CDF on a seeded stream). */
function pickComponents(m: MixtureComponents, n: number, rng: Rng, component?: number): Int32Array {
  const out = new Int32Array(n);
  if (component !== undefined) return out.fill(component);
  const cdf = new Float64Array(m.k);
  let acc = 0;
  for (let i = 0; i < m.k; i++) cdf[i] = acc += Math.exp(m.logWeights[i]);
  for (let j = 0; j < n; j++) {
    const u = rng.next() * acc;
    let i = 0;
    while (i < m.k - 1 && cdf[i] < u) i++;
    out[j] = i;
  }
  return out;
}

/**
 * n codes z = m_c + T·σ_c ⊙ ε, c ~ Categorical(π) (or c = `component`), ε ~ N(0, I) by Box–Muller: the mixture
 * at temperature T, each component's spread scaled by T (T = 1: exact samples of the prior).
 */
export function mixtureCodes(m: MixtureComponents, n: number, temperature: number, seed: number, component?: number): { codes: Float32Array; components: Int32Array } {
  const rng = new Rng(seed);
  const components = pickComponents(m, n, rng, component);
  const codes = new Float32Array(n * m.d);
  for (let j = 0; j < n; j++) {
    const c = components[j];
    for (let i = 0; i < m.d; i++) {
      const eps = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
      codes[j * m.d + i] = m.means[c * m.d + i] + temperature * Math.exp(0.5 * m.logvars[c * m.d + i]) * eps;
    }
  }
  return { codes, components };
}
