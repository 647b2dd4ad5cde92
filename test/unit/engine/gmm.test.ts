import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitGmm, fitGmmByBic, kMeansPlusPlus } from '../../../src/engine/gmm';
import { gaussian, sampleMixture, type GaussianMixture } from '../../../src/shared/gaussianMixture';
import { Rng } from '../../../src/shared/rng';

/** A planted mixture in 2-D: three well separated components with different weights and spreads. */
const PLANTED: GaussianMixture = {
  weights: [0.5, 0.3, 0.2],
  means: [[-4, 0], [3, 3], [3, -3]],
  variances: [[0.25, 1], [1, 0.36], [0.49, 0.49]],
};

function draw(n: number, seed: number): Float32Array {
  return sampleMixture(PLANTED, n, 1, seed);
}

/** The fitted component nearest to planted component c (order is arbitrary). */
function matchOf(fit: GaussianMixture, mean: number[]): number {
  const dist = fit.means.map((m) => (m[0] - mean[0]) ** 2 + (m[1] - mean[1]) ** 2);
  return dist.indexOf(Math.min(...dist));
}

test('EM recovers the weights, means and variances of a planted diagonal mixture', () => {
  const n = 6000;
  const fit = fitGmm(draw(n, 11), n, 2, 3, { seed: 1 });
  const seen = new Set<number>();
  PLANTED.means.forEach((mean, c) => {
    const k = matchOf(fit.mixture, mean);
    seen.add(k);
    assert.ok(Math.abs(fit.mixture.weights[k] - PLANTED.weights[c]) < 0.03, `weight ${c}: ${fit.mixture.weights[k]}`);
    for (let j = 0; j < 2; j++) {
      assert.ok(Math.abs(fit.mixture.means[k][j] - mean[j]) < 0.08, `mean ${c},${j}: ${fit.mixture.means[k][j]}`);
      const rel = fit.mixture.variances[k][j] / PLANTED.variances[c][j];
      assert.ok(rel > 0.9 && rel < 1.1, `variance ${c},${j}: ${fit.mixture.variances[k][j]} against ${PLANTED.variances[c][j]}`);
    }
  });
  assert.equal(seen.size, 3, 'each planted component has its own fitted component');
  assert.ok(Math.abs(fit.mixture.weights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test('the log-likelihood never decreases over EM iterations, and the fit beats the init', () => {
  for (const k of [2, 3, 5]) {
    const n = 1500;
    const fit = fitGmm(draw(n, 5 + k), n, 2, k, { seed: k, tolerance: -Infinity, maxIterations: 60 });
    assert.equal(fit.logLikelihoods.length, 61, "every iteration ran (no early stop)");
    for (let t = 1; t < fit.logLikelihoods.length; t++) {
      assert.ok(fit.logLikelihoods[t] >= fit.logLikelihoods[t - 1] - 1e-7 * Math.abs(fit.logLikelihoods[t - 1]), `K = ${k}: iteration ${t} went from ${fit.logLikelihoods[t - 1]} to ${fit.logLikelihoods[t]}`);
    }
    assert.ok(fit.logLikelihood > fit.logLikelihoods[0] + 1, `K = ${k}: EM improved on the init`);
  }
});

test('the log-likelihood of one component is the closed form of a diagonal Gaussian at the sample mean and variance', () => {
  const rng = new Rng(2);
  const n = 500;
  const x = new Float32Array(n * 3);
  for (let i = 0; i < x.length; i++) x[i] = 1 + 2 * gaussian(rng);
  const fit = fitGmm(x, n, 3, 1, { seed: 1 });
  let expected = 0;
  for (let j = 0; j < 3; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * 3 + j] / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * 3 + j] - m) ** 2 / n;
    assert.ok(Math.abs(fit.mixture.means[0][j] - m) < 1e-9 && Math.abs(fit.mixture.variances[0][j] - v) < 1e-9);
    // Σ_i log N(x_ij; m, v) = −n/2 (log 2πv + 1) at the maximum-likelihood m and v
    expected += (-n / 2) * (Math.log(2 * Math.PI * v) + 1);
  }
  assert.ok(Math.abs(fit.logLikelihood - expected) < 1e-6 * Math.abs(expected), `${fit.logLikelihood} against ${expected}`);
  assert.ok(Math.abs(fit.bic - (-2 * expected + 6 * Math.log(n))) < 1e-5 * Math.abs(expected));
});

test('BIC picks the planted number of components', () => {
  const n = 3000;
  const { best, bics } = fitGmmByBic(draw(n, 4), n, 2, 6, { seed: 3 });
  assert.equal(best.mixture.weights.length, 3, `BIC per K: ${bics.map((b) => b.toFixed(0)).join(', ')}`);
  assert.equal(bics.length, 6);
});

test('k-means++ is seeded: same seed, same centres; the centres are data points', () => {
  const n = 300;
  const x = draw(n, 8);
  const a = kMeansPlusPlus(x, n, 2, 4, new Rng(9));
  assert.deepEqual(a, kMeansPlusPlus(x, n, 2, 4, new Rng(9)));
  for (const c of a) assert.ok([...Array(n).keys()].some((i) => x[2 * i] === c[0] && x[2 * i + 1] === c[1]));
  // duplicates only: k-means++ still returns K centres
  assert.equal(kMeansPlusPlus(new Float32Array(6).fill(1), 3, 2, 3, new Rng(1)).length, 3);
});

test('samples from a mixture have its moments, and the same seed gives the same samples', () => {
  const n = 20000;
  const z = draw(n, 6);
  assert.deepEqual(z, draw(n, 6));
  let m0 = 0;
  for (let i = 0; i < n; i++) m0 += z[2 * i] / n;
  // E[z_0] = Σ π_k m_k0 = 0.5·(−4) + 0.3·3 + 0.2·3 = −0.5
  assert.ok(Math.abs(m0 + 0.5) < 0.06, `${m0}`);
  assert.throws(() => fitGmm(z, n, 2, 0, { seed: 1 }), /K/);
});
