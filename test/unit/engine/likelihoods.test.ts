import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { bernoulliLogLik, gaussianLogLik, laplaceLogLik } from '../../../src/engine/likelihoods';

const x = [0, 0.25, 1, 0.6];
const out = [-1.5, 0.3, 2.2, 0];
const sig = (v: number) => 1 / (1 + Math.exp(-v));

test('Bernoulli log-likelihood equals Σ x log p + (1−x) log(1−p)', async () => {
  await initBackend();
  const got = bernoulliLogLik(tf.tensor2d([x]), tf.tensor2d([out])).dataSync()[0];
  const want = x.reduce((a, xi, i) => a + xi * Math.log(sig(out[i])) + (1 - xi) * Math.log(1 - sig(out[i])), 0);
  assert.ok(Math.abs(got - want) < 1e-4, `${got} vs ${want}`);
});

test('Gaussian log-likelihood equals Σ log N(x; sigmoid(out), σ²)', async () => {
  await initBackend();
  const s = 0.2;
  const got = gaussianLogLik(tf.tensor2d([x]), tf.tensor2d([out]), tf.scalar(Math.log(s))).dataSync()[0];
  const want = x.reduce((a, xi, i) => a - 0.5 * Math.log(2 * Math.PI * s * s) - (xi - sig(out[i])) ** 2 / (2 * s * s), 0);
  assert.ok(Math.abs(got - want) < 1e-3, `${got} vs ${want}`);
});

test('Laplace log-likelihood equals Σ −log 2b − |x − m|/b, with a per-pixel scale', async () => {
  await initBackend();
  const b = [0.1, 0.2, 0.3, 0.4];
  const got = laplaceLogLik(tf.tensor2d([x]), tf.tensor2d([out]), tf.tensor1d(b.map(Math.log))).dataSync()[0];
  const want = x.reduce((a, xi, i) => a - Math.log(2 * b[i]) - Math.abs(xi - sig(out[i])) / b[i], 0);
  assert.ok(Math.abs(got - want) < 1e-3, `${got} vs ${want}`);
});
