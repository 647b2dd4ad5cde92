// A Gaussian mixture with diagonal covariances fitted by EM to the dataset's μ: the aggregate posterior
// q(z) = (1/N) Σ_i q(z|x_i) is where the decoder was trained, and sampling from a fit of it avoids the regions
// the prior covers but no image encodes to (the "prior hole", Hoffman & Johnson 2016). Pure maths, no tfjs.
import { Rng } from '../shared/rng';
import type { GaussianMixture } from '../shared/gaussianMixture';

export interface GmmOptions {
  seed: number;
  maxIterations?: number;
  /** Stop when an iteration raises the mean log-likelihood per point by less than this (nats). */
  tolerance?: number;
  /** The smallest variance a component may take, so a component on one point does not collapse to a spike. */
  varianceFloor?: number;
}

export interface GmmFit {
  mixture: GaussianMixture;
  /** log p(X) = Σ_i log Σ_k π_k N(x_i; m_k, diag σ²_k) after each EM iteration, the first before any (the init). */
  logLikelihoods: number[];
  logLikelihood: number;
  /** BIC = −2 log p(X) + p·log n with p = (K − 1) + 2·K·d free parameters. */
  bic: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** k-means++ seeding (Arthur & Vassilvitskii 2007): each next centre drawn with probability ∝ D(x)², its squared distance to the nearest centre so far. */
export function kMeansPlusPlus(x: Float32Array, n: number, d: number, k: number, rng: Rng): number[][] {
  const centres: number[][] = [];
  const row = (i: number) => Array.from(x.subarray(i * d, (i + 1) * d));
  centres.push(row(Math.floor(rng.next() * n)));
  const nearest = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const c = centres[centres.length - 1];
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - c[j]) ** 2;
      if (s < nearest[i]) nearest[i] = s;
      total += nearest[i];
    }
    // every point already a centre (fewer distinct points than k): repeat one rather than divide by zero
    if (total === 0) {
      centres.push(row(Math.floor(rng.next() * n)));
      continue;
    }
    let u = rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= nearest[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
    centres.push(row(pick));
  }
  return centres;
}

/**
 * E-step: responsibilities r_ik = π_k N(x_i; m_k, σ²_k) / Σ_l π_l N(x_i; m_l, σ²_l) into `resp` (n × K), by
 * log-sum-exp; returns log p(X).
 */
function expectation(x: Float32Array, n: number, d: number, g: GaussianMixture, resp: Float64Array): number {
  const k = g.weights.length;
  const constant = g.variances.map((v, c) => Math.log(g.weights[c]) - 0.5 * v.reduce((a, s2) => a + LOG_2PI + Math.log(s2), 0));
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const m = g.means[c];
      const v = g.variances[c];
      let q = 0;
      for (let j = 0; j < d; j++) q += (x[i * d + j] - m[j]) ** 2 / v[j];
      const lr = constant[c] - 0.5 * q;
      resp[i * k + c] = lr;
      if (lr > max) max = lr;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(resp[i * k + c] - max);
    const logPx = max + Math.log(sum);
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(resp[i * k + c] - logPx);
    total += logPx;
  }
  return total;
}

/** M-step: π_k = N_k/n, m_k = Σ r_ik x_i / N_k, σ²_k = max(floor, Σ r_ik (x_i − m_k)² / N_k). A component nobody chose keeps its place. */
function maximisation(x: Float32Array, n: number, d: number, resp: Float64Array, g: GaussianMixture, floor: number): GaussianMixture {
  const k = g.weights.length;
  const weights: number[] = [];
  const means: number[][] = [];
  const variances: number[][] = [];
  for (let c = 0; c < k; c++) {
    let nk = 0;
    const m = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const r = resp[i * k + c];
      nk += r;
      for (let j = 0; j < d; j++) m[j] += r * x[i * d + j];
    }
    if (nk < 1e-10) {
      weights.push(Number.MIN_VALUE);
      means.push(g.means[c]);
      variances.push(g.variances[c]);
      continue;
    }
    for (let j = 0; j < d; j++) m[j] /= nk;
    const v = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const r = resp[i * k + c];
      for (let j = 0; j < d; j++) v[j] += r * (x[i * d + j] - m[j]) ** 2;
    }
    weights.push(nk / n);
    means.push(Array.from(m));
    variances.push(Array.from(v, (s) => Math.max(floor, s / nk)));
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  return { weights: weights.map((w) => w / sum), means, variances };
}

/** EM for a K-component diagonal Gaussian mixture on the n × d rows of `x`, seeded by k-means++ (equal weights, the data's variance per dimension). */
export function fitGmm(x: Float32Array, n: number, d: number, k: number, o: GmmOptions): GmmFit {
  if (n < 1 || d < 1 || x.length !== n * d) throw new RangeError(`fitGmm needs n × d values, got ${x.length} for ${n} × ${d}`);
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new RangeError(`fitGmm needs 1 ≤ K ≤ n, not K = ${k} for n = ${n}`);
  const floor = o.varianceFloor ?? 1e-6;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  const spread = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) spread[j] += (x[i * d + j] - mean[j]) ** 2 / n;
  let g: GaussianMixture = {
    weights: new Array<number>(k).fill(1 / k),
    means: kMeansPlusPlus(x, n, d, k, new Rng(o.seed)),
    variances: Array.from({ length: k }, () => spread.map((s) => Math.max(floor, s))),
  };
  const resp = new Float64Array(n * k);
  const history: number[] = [];
  // scikit-learn's GaussianMixture defaults: at most 100 iterations, stop below 1e-3 nats per point
  const maxIterations = o.maxIterations ?? 100;
  const tolerance = o.tolerance ?? 1e-3;
  for (let it = 0; ; it++) {
    const ll = expectation(x, n, d, g, resp);
    history.push(ll);
    if (it === maxIterations || (it > 0 && (ll - history[it - 1]) / n < tolerance)) break;
    g = maximisation(x, n, d, resp, g, floor);
  }
  const logLikelihood = history[history.length - 1];
  return { mixture: g, logLikelihoods: history, logLikelihood, bic: -2 * logLikelihood + (k - 1 + 2 * k * d) * Math.log(n) };
}

/** The fit with the lowest BIC among K = 1 … maxComponents (each seeded alike), and every K's BIC. */
export function fitGmmByBic(x: Float32Array, n: number, d: number, maxComponents: number, o: GmmOptions): { best: GmmFit; bics: number[] } {
  let best: GmmFit | null = null;
  const bics: number[] = [];
  for (let k = 1; k <= Math.min(maxComponents, n); k++) {
    const fit = fitGmm(x, n, d, k, o);
    bics.push(fit.bic);
    if (!best || fit.bic < best.bic) best = fit;
  }
  return { best: best!, bics };
}
