// The collapse diagnostic under a mixture prior: KL(q(z_i|x) || p_i) to the prior's marginal on each dimension, by
// Gauss–Hermite quadrature, against the closed form (one component) and a float64 Monte Carlo estimate (three).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { klPerDim } from '../../../src/engine/kl';
import { mixtureKlPerDim } from '../../../src/engine/priors/marginalKl';
import { gaussian } from '../../../src/shared/gaussianMixture';
import { Rng } from '../../../src/shared/rng';

/** Components [K, D] and weights [K] as tensors. */
function mixture(means: number[][], logvars: number[][], weights: number[]) {
  return { means: tf.tensor2d(means), logvars: tf.tensor2d(logvars), logWeights: tf.tensor1d(weights.map(Math.log)) };
}

function run(mu: number[][], logvar: number[][], m: ReturnType<typeof mixture>): number[][] {
  const out = tf.tidy(() => mixtureKlPerDim(tf.tensor2d(mu), tf.tensor2d(logvar), m));
  const rows = out.arraySync();
  out.dispose();
  tf.dispose([m.means, m.logvars, m.logWeights]);
  return rows;
}

test('one component: the quadrature equals KL(N(μ,σ²) || N(m,s²)) = ½(log s²/σ² + (σ² + (μ−m)²)/s² − 1)', async () => {
  await initBackend();
  const mu = [[0.3, -2, 1.5], [0, 0.7, -0.4]];
  const logvar = [[-1, 0.5, -3], [0, -0.2, 1]];
  const m = [0.5, -1, 1];
  const lv = [0.2, -0.5, -2.5];
  const got = run(mu, logvar, mixture([m], [lv], [1]));
  for (let b = 0; b < 2; b++) {
    for (let d = 0; d < 3; d++) {
      const s2 = Math.exp(lv[d]);
      const v = Math.exp(logvar[b][d]);
      const want = 0.5 * (lv[d] - logvar[b][d] + (v + (mu[b][d] - m[d]) ** 2) / s2 - 1);
      assert.ok(Math.abs(got[b][d] - want) < 2e-4 * Math.max(1, want), `b ${b} d ${d}: ${got[b][d]} vs ${want}`);
    }
  }
});

test('three components: the quadrature agrees with a 400 000-sample float64 Monte Carlo estimate', async () => {
  await initBackend();
  const means = [[-2, 0.5], [0.5, 0.4], [3, 0.6]];
  const logvars = [[-1, -2], [0, -2.2], [-0.5, -1.8]];
  const weights = [0.2, 0.5, 0.3];
  const mu = [[0.2, 0.45]];
  const logvar = [[0.3, -2.1]];
  const got = run(mu, logvar, mixture(means, logvars, weights))[0];
  const rng = new Rng(7);
  const n = 400_000;
  for (let d = 0; d < 2; d++) {
    const s = Math.exp(0.5 * logvar[0][d]);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const z = mu[0][d] + s * gaussian(rng);
      const logQ = -0.5 * (Math.log(2 * Math.PI) + logvar[0][d] + ((z - mu[0][d]) / s) ** 2);
      let p = 0;
      for (let k = 0; k < 3; k++) p += weights[k] * Math.exp(-0.5 * (Math.log(2 * Math.PI) + logvars[k][d] + (z - means[k][d]) ** 2 / Math.exp(logvars[k][d])));
      const v = logQ - Math.log(p);
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / n;
    const se = Math.sqrt((sumSq / n - mean * mean) / n);
    assert.ok(Math.abs(got[d] - mean) < 4 * se + 1e-4, `dimension ${d}: quadrature ${got[d]}, Monte Carlo ${mean} ± ${se}`);
  }
});

test('a dimension whose posterior is the mixture marginal reads 0 nats, where its KL to N(0, 1) would not', async () => {
  await initBackend();
  // every component shares dimension 1 (N(1.5, e^−1)), as a VampPrior's do when the encoder ignores the input there
  const means = [[-2, 1.5], [2, 1.5]];
  const logvars = [[-1, -1], [-1, -1]];
  const mu = [[0.4, 1.5], [-1.7, 1.5]];
  const logvar = [[-1, -1], [-1.2, -1]];
  const got = run(mu, logvar, mixture(means, logvars, [0.5, 0.5]));
  const standard = tf.tidy(() => klPerDim(tf.tensor2d(mu), tf.tensor2d(logvar)).arraySync());
  for (let b = 0; b < 2; b++) {
    assert.ok(Math.abs(got[b][1]) < 1e-4, `image ${b}: ${got[b][1]} nats`);
    assert.ok(got[b][0] > 0.05, `dimension 0 carries information: ${got[b][0]}`);
    assert.ok(standard[b][1] > 1, `against N(0, 1) the same dimension reads ${standard[b][1]} nats`);
  }
});
