// The page builds its encoder and decoder from the architecture description and the weights file's specs; for
// the same weights it must give what the engine's model gives (tfjs batches and the plain-JS single code alike).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { createModel } from '../../../src/engine/models/registry';
import { PageVae } from '../../../src/webview/pageVae';
import { tinyConfig } from '../../helpers/synthetic';

function weightsFile(model: ReturnType<typeof createModel>): { all: Float32Array; specs: { name: string; shape: number[] }[] } {
  const values = model.weightValues();
  const specs = model.weightSpecs();
  const all = new Float32Array(specs.reduce((n, s) => n + values.get(s.name)!.length, 0));
  let o = 0;
  for (const s of specs) {
    all.set(values.get(s.name)!, o);
    o += values.get(s.name)!.length;
  }
  return { all, specs };
}

function worstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

test('the page decodes and encodes like the engine model from the same weights file', async () => {
  await initBackend();
  const config = tinyConfig({ inputShape: [6, 5, 3], hidden: [32, 16], latentDim: 4, likelihood: 'laplace', decoderScale: 'learned' });
  const model = createModel(config, 9);
  const { all, specs } = weightsFile(model);
  const page = PageVae.fromWeights(all, specs, config);
  const n = 3;
  const codes = Float32Array.from({ length: n * 4 }, (_, i) => Math.cos(i * 1.7) * 1.5);
  const ref = tf.tidy(() => tf.round(tf.mul(model.decode(tf.tensor2d(codes, [n, 4])), 255)).dataSync());
  // float32 sums in another order can move a pixel across a .5 rounding boundary: at most 1 level
  assert.ok(worstDiff(page.decode(codes, n), ref) <= 1, 'batch decode differs');
  assert.ok(worstDiff(page.decode(codes.subarray(0, 4), 1), ref.subarray(0, 6 * 5 * 3)) <= 1, 'single-code decode differs');
  const pixels = Uint8Array.from({ length: n * 6 * 5 * 3 }, (_, i) => (i * 37) % 256);
  const muRef = tf.tidy(() => model.encode(tf.div(tf.tensor2d(pixels, [n, 90], 'float32'), 255) as tf.Tensor2D).mu.dataSync());
  assert.ok(worstDiff(page.encodeMu(pixels, n), muRef) < 1e-4, 'μ(x) differs');
  page.dispose();
  model.dispose();
});

test('the page refuses a weights file laid out for another architecture', async () => {
  await initBackend();
  const config = tinyConfig({ inputShape: [4, 4, 1], hidden: [8], latentDim: 2 });
  const model = createModel(config, 1);
  const { all, specs } = weightsFile(model);
  const swapped = [specs[1], specs[0], ...specs.slice(2)];
  assert.throws(() => PageVae.fromWeights(all, swapped, config), /this model needs/);
  assert.throws(() => PageVae.fromWeights(all, specs, { ...config, hidden: [9] }), /this model needs/);
  assert.throws(() => PageVae.fromWeights(all.subarray(1), specs, config), /the weights file has 339 values, the manifest lists 340/);
  model.dispose();
});

test('a conv model: the page (tfjs batches, plain-JS single code) decodes and encodes like the engine', async () => {
  await initBackend();
  // odd sides and 3 channels: 11×9 → one stride-2 stage (5×4×32) and its transpose back to 11×9
  const config = tinyConfig({ net: 'conv', inputShape: [11, 9, 3], hidden: [16], latentDim: 4, likelihood: 'gaussian', decoderScale: 'learned' });
  const model = createModel(config, 4);
  const { all, specs } = weightsFile(model);
  const page = PageVae.fromWeights(all, specs, config);
  const n = 3;
  const size = 11 * 9 * 3;
  const codes = Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i * 2.3) * 2);
  const ref = tf.tidy(() => tf.round(tf.mul(model.decode(tf.tensor2d(codes, [n, 4])), 255)).dataSync());
  assert.ok(worstDiff(page.decode(codes, n), ref) <= 1, 'batch decode differs');
  for (let i = 0; i < n; i++) assert.ok(worstDiff(page.decode(codes.subarray(i * 4, i * 4 + 4), 1), ref.subarray(i * size, (i + 1) * size)) <= 1, `single-code decode ${i} differs`);
  // not a flat image: a wrong layout in the JS loops would not survive this
  assert.ok(new Set(ref).size > 20);
  const pixels = Uint8Array.from({ length: n * size }, (_, i) => (i * 37) % 256);
  const muRef = tf.tidy(() => model.encode(tf.div(tf.tensor2d(pixels, [n, size], 'float32'), 255) as tf.Tensor2D).mu.dataSync());
  assert.ok(worstDiff(page.encodeMu(pixels, n), muRef) < 1e-4, 'μ(x) differs');
  page.dispose();
  model.dispose();
});
