// Log-densities of one latent code in plain JavaScript (the page's Monte Carlo KL of a flow model), and the
// mixture parameters of the MoG prior read from its saved weights. The tfjs versions the model trains with are in
// engine/kl.ts and engine/priors/; a unit test holds them together.
import type { MixtureComponents } from './mixtureSample';
import type { WeightLookup } from './network';
import { MOG_LOGITS, MOG_LOGVARS, MOG_MEANS } from './priorFlowWeights';

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(z; μ, diag exp(lv)) = −½ Σ_d (log 2π + lv_d + (z_d − μ_d)² / exp(lv_d)); `offset`: where μ and lv start. */
export function logNormalDiag(z: ArrayLike<number>, mu: ArrayLike<number>, logvar: ArrayLike<number>, offset = 0): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    const diff = z[i] - mu[offset + i];
    s += LOG_2PI + logvar[offset + i] + (diff * diff) / Math.exp(logvar[offset + i]);
  }
  return -0.5 * s;
}

/** log N(z; 0, I) = −½ Σ_d (log 2π + z_d²). */
export function logStandardNormal(z: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) s += LOG_2PI + z[i] * z[i];
  return -0.5 * s;
}

/** log Σ_k π_k N(z; m_k, diag exp(lv_k)), by log-sum-exp. */
export function logMixtureRow(z: ArrayLike<number>, m: MixtureComponents): number {
  const terms = Array.from({ length: m.k }, (_, k) => m.logWeights[k] + logNormalDiag(z, m.means, m.logvars, k * m.d));
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
}

/** The MoG prior's components: means and log-variances as stored, log π = log softmax(logits). */
export function mogComponents(k: number, d: number, weight: WeightLookup<Float32Array>): MixtureComponents {
  const logits = weight(MOG_LOGITS);
  const top = Math.max(...logits);
  const lse = top + Math.log(logits.reduce((sum, l) => sum + Math.exp(l - top), 0));
  return { k, d, means: Float32Array.from(weight(MOG_MEANS)), logvars: Float32Array.from(weight(MOG_LOGVARS)), logWeights: logits.map((l) => l - lse) };
}
