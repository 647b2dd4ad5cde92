import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { klPerDim, logNormalDensity, logStandardNormalDensity } from '../../../src/engine/kl';

test('analytic KL matches a Monte Carlo estimate of E_q[log q − log p]', async () => {
  await initBackend();
  const mu = tf.tensor2d([[0.7, -1.2, 0.1]]);
  const logvar = tf.tensor2d([[-0.5, 0.4, -2.0]]);
  const analytic = tf.sum(klPerDim(mu, logvar)).dataSync()[0];
  const n = 200_000;
  const eps = tf.randomNormal([n, 3], 0, 1, 'float32', 7);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps));
  const diff = tf.sub(logNormalDensity(z, mu, logvar), logStandardNormalDensity(z));
  const mc = tf.mean(diff).dataSync()[0];
  const se = Math.sqrt(tf.moments(diff).variance.dataSync()[0] / n);
  assert.ok(Math.abs(mc - analytic) < 4 * se + 1e-4, `MC ${mc} vs analytic ${analytic} (se ${se})`);
});

test('per-dimension KL follows ½(μ² + σ² − 1 − log σ²) and sums to the total', async () => {
  await initBackend();
  const mu = [0.3, -2, 0];
  const lv = [0.2, -1, 0];
  const per = klPerDim(tf.tensor2d([mu]), tf.tensor2d([lv])).dataSync();
  mu.forEach((m, i) => {
    const expected = 0.5 * (m * m + Math.exp(lv[i]) - 1 - lv[i]);
    assert.ok(Math.abs(per[i] - expected) < 1e-5);
  });
  assert.equal(per[2], 0, 'the prior itself has zero KL');
  const total = 0.5 * mu.reduce((a, m, i) => a + m * m + Math.exp(lv[i]) - 1 - lv[i], 0);
  assert.ok(Math.abs(Array.from(per).reduce((a, b) => a + b, 0) - total) < 1e-5);
});
