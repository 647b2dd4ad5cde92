// The VQ-VAE's quantiser against hand cases: nearest-code assignment, the codebook and commitment terms in closed
// form, the straight-through gradient, and the codebook bookkeeping (perplexity, k-means++, EMA, restarts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { CodebookState, kmeansPlusPlus, restartEvery, usageOf } from '../../../src/engine/models/vqvae/codebookState';
import { nearestCodes, quantise, straightThrough, vqLossTerms } from '../../../src/engine/models/vqvae/quantize';
import { Rng } from '../../../src/shared/rng';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol, `[${i}] ${a[i]} vs ${b[i]}`);
};

test('each vector goes to its nearest code (a near-tie and far vectors included), checked by brute force', async () => {
  await initBackend();
  const codebook = tf.tensor2d([[0, 0], [1, 0], [0, 2], [-3, -3]]);
  const z = tf.tensor2d([[0.1, 0.1], [0.9, -0.2], [0.2, 1.2], [-10, -10], [0.5001, 0], [100, 0]]);
  const codes = nearestCodes(z, codebook);
  assert.deepEqual(Array.from(codes.dataSync()), [0, 1, 2, 3, 1, 1]);
  // brute force on random data
  const rng = new Rng(3);
  const zs = Float32Array.from({ length: 50 * 3 }, () => rng.uniform(-2, 2));
  const es = Float32Array.from({ length: 7 * 3 }, () => rng.uniform(-2, 2));
  const got = nearestCodes(tf.tensor2d(zs, [50, 3]), tf.tensor2d(es, [7, 3])).dataSync();
  for (let i = 0; i < 50; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let k = 0; k < 7; k++) {
      let d = 0;
      for (let j = 0; j < 3; j++) d += (zs[i * 3 + j] - es[k * 3 + j]) ** 2;
      if (d < bestD) [best, bestD] = [k, d];
    }
    assert.equal(got[i], best, `row ${i}`);
  }
  tf.dispose([codebook, z, codes]);
});

test('codebook and commitment terms equal ‖z_e − e‖² summed per image, and each moves only its side', async () => {
  await initBackend();
  // two images of two cells, D = 2; codes: (0,0) and (1,0) → e0; (2,2) → e1 = (2,1); (−1,0) → e0
  const ze = tf.variable(tf.tensor2d([[0, 0], [1, 0], [2, 2], [-1, 0]]));
  const codebook = tf.variable(tf.tensor2d([[0, 0], [2, 1]]));
  const { codes, zq } = quantise(ze, codebook);
  assert.deepEqual(Array.from(codes.dataSync()), [0, 0, 1, 0]);
  const terms = vqLossTerms(ze, zq, 2);
  // image 0: 0 + 1 = 1; image 1: (0² + 1²) + 1 = 2
  close(terms.codebook.dataSync(), [1, 2]);
  close(terms.commitment.dataSync(), [1, 2]);
  const g = tf.variableGrads(() => tf.sum(vqLossTerms(ze, quantise(ze, codebook).zq, 2).codebook) as tf.Scalar, [ze, codebook]);
  // d/de_k Σ ‖sg[z_e] − e_k‖² = 2 Σ_{i→k} (e_k − z_i): e0 = 2·((0−0)+(0−1)+(0+1), 0) = 0; e1 = 2·((2−2), (1−2)) = (0, −2)
  close(g.grads[codebook.name].dataSync(), [0, 0, 0, -2]);
  close(g.grads[ze.name].dataSync(), [0, 0, 0, 0, 0, 0, 0, 0]);
  const h = tf.variableGrads(() => tf.sum(vqLossTerms(ze, quantise(ze, codebook).zq, 2).commitment) as tf.Scalar, [ze, codebook]);
  // d/dz_i ‖z_i − sg[e]‖² = 2 (z_i − e)
  close(h.grads[ze.name].dataSync(), [0, 0, 2, 0, 0, 2, -2, 0]);
  close(h.grads[codebook.name].dataSync(), [0, 0, 0, 0]);
  tf.dispose([ze, codebook, codes, zq, terms.codebook, terms.commitment, g.value, h.value, ...Object.values(g.grads), ...Object.values(h.grads)]);
});

test('straight-through: the gradient of a loss w.r.t. z_e equals its gradient w.r.t. the quantised z_q', async () => {
  await initBackend();
  const rng = new Rng(11);
  const ze = tf.tensor2d(Float32Array.from({ length: 6 * 4 }, () => rng.uniform(-1, 1)), [6, 4]);
  const codebook = tf.tensor2d(Float32Array.from({ length: 5 * 4 }, () => rng.uniform(-1, 1)), [5, 4]);
  const w = tf.tensor2d(Float32Array.from({ length: 4 * 3 }, () => rng.uniform(-1, 1)), [4, 3]);
  // any smooth loss of the decoder's input: here Σ tanh(z·W)² (a stand-in decoder)
  const loss = (z: tf.Tensor2D) => tf.sum(tf.square(tf.tanh(tf.matMul(z, w)))) as tf.Scalar;
  const zq = quantise(ze, codebook).zq;
  const throughSte = tf.grad((z: tf.Tensor) => loss(straightThrough(z as tf.Tensor2D, zq)))(ze);
  const atZq = tf.grad((q: tf.Tensor) => loss(q as tf.Tensor2D))(zq);
  close(throughSte.dataSync(), atZq.dataSync(), 1e-6);
  // and the forward value is z_q's
  close(straightThrough(ze, zq).dataSync(), zq.dataSync(), 1e-6);
  // a gradient that is not the identity would differ: the loss at z_e itself has another gradient
  const atZe = tf.grad((z: tf.Tensor) => loss(z as tf.Tensor2D))(ze);
  assert.ok(Math.max(...Array.from(tf.abs(tf.sub(atZe, atZq)).dataSync())) > 1e-3);
  tf.dispose([ze, codebook, w, zq, throughSte, atZq, atZe]);
});

test('perplexity is exp of the code-frequency entropy: K for equal use, 1 for one code', () => {
  assert.deepEqual(usageOf([5, 5, 5, 5]), { perplexity: 4, used: 4 });
  assert.deepEqual(usageOf([0, 9, 0, 0]), { perplexity: 1, used: 1 });
  const p = usageOf([1, 3, 0]);
  assert.ok(Math.abs(p.perplexity - Math.exp(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)))) < 1e-12);
  assert.equal(p.used, 2);
});

test('k-means++ seeds codes on distinct clusters of the data', () => {
  // four tight clusters far apart: four codes land one in each
  const rng = new Rng(5);
  const centres = [[0, 0], [10, 0], [0, 10], [10, 10]];
  const rows = Float32Array.from({ length: 400 * 2 }, (_, i) => centres[Math.floor(i / 2) % 4][i % 2] + rng.uniform(-0.1, 0.1));
  const codes = kmeansPlusPlus(rows, 400, 4, 2, new Rng(1));
  const hit = new Set<number>();
  for (let c = 0; c < 4; c++) hit.add(centres.findIndex(([x, y]) => Math.hypot(codes[c * 2] - x, codes[c * 2 + 1] - y) < 1));
  assert.deepEqual([...hit].sort(), [0, 1, 2, 3]);
});

test('EMA update with Laplace smoothing and the restart of a dead code, against the formulas by hand', () => {
  const k = 2;
  const d = 1;
  const state = new CodebookState(k, d, { ema: true, restart: true, restartEvery: 10 }, Float32Array.from([0, 5]));
  // every step assigns both vectors (value 1 and 3) to code 0; code 1 is never used
  let codebook: Float32Array = Float32Array.from([0, 5]);
  let size = [1, 1];
  let sum = [0, 5];
  const rng = new Rng(2);
  for (let step = 1; step <= 10; step++) {
    const next = state.observe(Int32Array.from([0, 0]), Float32Array.from([1, 3]), codebook, 1, 0.5, rng);
    assert.ok(next);
    size = [0.99 * size[0] + 0.01 * 2, 0.99 * size[1]];
    sum = [0.99 * sum[0] + 0.01 * 4, 0.99 * sum[1]];
    const n = size[0] + size[1];
    const smooth = size.map((s) => ((s + 1e-5) / (n + k * 1e-5)) * n);
    const expected = [sum[0] / smooth[0], sum[1] / smooth[1]];
    if (step < 10) close(next, expected, 1e-5);
    else {
      // step 10 ends the restart window: code 1 got nothing and moves onto one of the batch's vectors
      close([next[0]], [expected[0]], 1e-5);
      assert.ok(next[1] === 1 || next[1] === 3, `restarted to ${next[1]}`);
      size[1] = 1;
      sum[1] = next[1];
    }
    codebook = next;
  }
  const stats = state.endEpoch();
  assert.deepEqual(stats.counts, [20, 0]);
  assert.equal(stats.used, 1);
  assert.equal(stats.restarted, 1);
  assert.equal(stats.commitment, 0.5);
  // by default a code is checked once the steps since the last check held 2K vectors
  assert.equal(restartEvery(64, 3136), 1);
  assert.equal(restartEvery(4096, 6272), 2);
});
