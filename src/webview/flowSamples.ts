// The flow view's numbers for one image: n posterior samples z_0 ∼ q_0(z|x) = N(μ, σ²) and z_K = f(z_0), two
// chosen dimensions of each, their moments and the share inside q_0's 1σ and 2σ ellipses, and the Monte Carlo
// estimate of KL(q(z|x) ‖ p(z)) = E_q0[log q_0(z_0) − Σ log |det ∂f/∂z| − log p(z_K)] with its standard error.
import { fractionInside, moments2, type Covariance2 } from '../shared/ellipse';
import { logMixtureRow, logNormalDiag, logStandardNormal } from '../shared/latentDensity';
import { Rng } from '../shared/rng';
import type { PageLatent } from './pageLatent';

/** One cloud of points in the two chosen dimensions and what the table reports of it. */
export interface Cloud {
  xs: Float32Array;
  ys: Float32Array;
  mx: number;
  my: number;
  cov: Covariance2;
  /** Shares of the points inside q_0's 1σ and 2σ ellipses. */
  inside1: number;
  inside2: number;
}

export interface FlowSamples {
  /** q_0 in the two dimensions: centre and (diagonal) covariance. */
  q0: { mx: number; my: number; cov: Covariance2 };
  before: Cloud;
  after: Cloud;
  /** f(μ) in the two dimensions: the code the panel decodes for this image. */
  meanCode: [number, number];
  kl: { mean: number; se: number };
}

function cloud(xs: Float32Array, ys: Float32Array, q0: FlowSamples['q0']): Cloud {
  const m = moments2(xs, ys);
  return { xs, ys, ...m, inside1: fractionInside(xs, ys, q0.mx, q0.my, q0.cov, 1), inside2: fractionInside(xs, ys, q0.mx, q0.my, q0.cov, 2) };
}

/** n samples of the posterior of image `x` (values in [0, 1]) in dimensions dx, dy, before and after the flow. */
export function flowSamples(latent: PageLatent, x: Float32Array, dx: number, dy: number, n: number, seed: number): FlowSamples {
  const q = latent.posterior(x);
  const d = q.mu.length;
  const sd = q.logvar.map((lv) => Math.exp(0.5 * lv));
  const mixture = latent.priorMixture();
  const rng = new Rng(seed);
  const bx = new Float32Array(n);
  const by = new Float32Array(n);
  const ax = new Float32Array(n);
  const ay = new Float32Array(n);
  let sum = 0;
  let sum2 = 0;
  const z0 = new Float32Array(d);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < d; i++) z0[i] = q.mu[i] + sd[i] * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const { z, logDet } = latent.applyFlow(z0, q);
    const kl = logNormalDiag(z0, q.mu, q.logvar) - logDet - (mixture ? logMixtureRow(z, mixture) : logStandardNormal(z));
    sum += kl;
    sum2 += kl * kl;
    bx[j] = z0[dx];
    by[j] = z0[dy];
    ax[j] = z[dx];
    ay[j] = z[dy];
  }
  const q0 = { mx: q.mu[dx], my: q.mu[dy], cov: { xx: sd[dx] * sd[dx], xy: 0, yy: sd[dy] * sd[dy] } };
  const mean = sum / n;
  const variance = Math.max(0, sum2 / n - mean * mean);
  const fMu = latent.applyFlow(q.mu, q).z;
  return { q0, before: cloud(bx, by, q0), after: cloud(ax, ay, q0), meanCode: [fMu[dx], fMu[dy]], kl: { mean, se: Math.sqrt(variance / n) } };
}
