// The PixelCNN decoder's maths: the causal masks, the autoregressive property checked by gradients (the logit of
// pixel i does not depend on pixels ≥ i, and does depend on earlier ones), the sampler's windows against one
// full-image pass, the exact log-likelihood against a per-pixel sum, save/load, and the configurations refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { causalMask } from '../../../src/engine/networks/maskedConv';
import { PixelCnnVae } from '../../../src/engine/models/pixelcnn/pixelcnnVae';
import { sampleSequentialSync } from '../../../src/engine/models/pixelcnn/sampler';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import { describeModel, validateConfig } from '../../../src/shared/architecture';
import { pixelCnnDecoder } from '../../../src/shared/networks/pixelcnn';
import type { ModelConfig } from '../../../src/shared/types';

/**
 * A model whose 1×1 output layer is random too: a new model's starts at zero (every logit 0), which would make the
 * gradient and window checks below hold trivially.
 */
function liveModel(c: ModelConfig, seed: number): PixelCnnVae {
  const fresh = createModel(c, seed);
  const values = fresh.weightValues();
  fresh.dispose();
  const out = values.get('decoder/out/kernel')!;
  for (let i = 0; i < out.length; i++) out[i] = Math.sin(seed * 31 + i * 7.1);
  return modelFromWeights(c, values) as PixelCnnVae;
}

const config = (h: number, w: number, extra: Partial<ModelConfig> = {}): ModelConfig => ({
  kind: 'mlp-vae', inputShape: [h, w, 1], hidden: [16], latentDim: 4, likelihood: 'bernoulli', decoderScale: 0.1, decoder: 'pixelcnn', ...extra,
});

test('causal masks: A keeps the rows above and the taps left of the centre; B also the centre', () => {
  const k = 3;
  const tap = (m: Float32Array, dy: number, dx: number) => m[dy * k + dx];
  for (const type of ['A', 'B'] as const) {
    const m = causalMask(k, 1, 1, type);
    assert.deepEqual([tap(m, 0, 0), tap(m, 0, 1), tap(m, 0, 2), tap(m, 1, 0)], [1, 1, 1, 1], type);
    assert.equal(tap(m, 1, 1), type === 'A' ? 0 : 1, type);
    assert.deepEqual([tap(m, 1, 2), tap(m, 2, 0), tap(m, 2, 1), tap(m, 2, 2)], [0, 0, 0, 0], type);
  }
  // every input and output channel pair carries the same spatial mask
  const wide = causalMask(3, 2, 5, 'B');
  for (let t = 0; t < 9; t++) for (let j = 0; j < 10; j++) assert.equal(wide[t * 10 + j], causalMask(3, 1, 1, 'B')[t]);
});

test('autoregressive: the logit of pixel i has zero gradient w.r.t. pixels ≥ i and a non-zero one w.r.t. some earlier pixel', async () => {
  await initBackend();
  const [h, w] = [9, 7];
  const model = liveModel(config(h, w), 3);
  const x = tf.tensor4d(Float32Array.from({ length: h * w }, (_, i) => ((i * 7919) % 13) / 12), [1, h, w, 1]);
  const z = tf.randomNormal([1, 4], 0, 1, 'float32', 5) as tf.Tensor2D;
  const cond = model.conditioning(z);
  let sawEarlier = 0;
  for (let i = 0; i < h * w; i++) {
    const g = tf.tidy(() => tf.grad((img: tf.Tensor) => tf.sum(tf.mul(tf.reshape(model.logitsOf(img as tf.Tensor4D, cond), [h * w]), tf.oneHot(i, h * w))))(x));
    const v = g.dataSync();
    g.dispose();
    for (let j = i; j < h * w; j++) assert.equal(v[j], 0, `logit ${i} depends on pixel ${j}`);
    if (i > 0 && v.slice(0, i).some((d) => d !== 0)) sawEarlier++;
  }
  // pixel 0 sees nothing; every later pixel sees something before it
  assert.equal(sawEarlier, h * w - 1);
  tf.dispose([x, z, ...cond.filter((c): c is tf.Tensor2D => c !== null)]);
  model.dispose();
});

test('the sampler: each pixel drawn from the logit a full-image pass over the finished sample gives (the windows are exact)', async () => {
  await initBackend();
  // 12 × 11 is taller than the receptive field (8 rows up) and wider than one window (8 + 1 + 8 columns is not:
  // 11 columns, cut on the right near column 0 and on the left near column 10), so windows are cut on every side
  const [h, w] = [12, 11];
  const model = liveModel(config(h, w), 4);
  const z = tf.randomNormal([2, 4], 0, 1, 'float32', 6) as tf.Tensor2D;
  const { pixels, logits } = sampleSequentialSync(model, z, 11);
  assert.ok(pixels.every((p) => p === 0 || p === 1));
  assert.ok(logits.some((l) => Math.abs(l) > 0.1), 'a live decoder, not all-zero logits');
  assert.ok(pixels.some((p) => p === 1) && pixels.some((p) => p === 0));
  const full = tf.tidy(() => model.logitsOf(tf.tensor4d(pixels, [2, h, w, 1]), model.conditioning(z)));
  const f = full.dataSync();
  let worst = 0;
  for (let i = 0; i < f.length; i++) worst = Math.max(worst, Math.abs(f[i] - logits[i]));
  assert.ok(worst < 1e-4, `max |windowed − full| = ${worst}`);
  // the async sampler draws the same images from the same seed, reporting each row; a cancel stops it
  const seen: number[] = [];
  const again = await model.sample(z, 11, { onProgress: (done) => seen.push(done) });
  assert.deepEqual(again, pixels);
  assert.deepEqual(seen, Array.from({ length: h }, (_, r) => (r + 1) * w));
  let polls = 0;
  assert.equal(await model.sample(z, 11, { cancelled: () => ++polls > 2 }), null);
  assert.equal(polls, 3, 'stopped at the first poll after the cancel');
  tf.dispose([full, z]);
  model.dispose();
});

test('log p(x|z) is the sum over pixels of log Bern(x_i; σ(l_i)) with teacher forcing, through decodeRaw(z) = z', async () => {
  await initBackend();
  const [h, w] = [6, 5];
  const model = liveModel(config(h, w), 5);
  const x = tf.tensor2d(Float32Array.from({ length: 2 * h * w }, (_, i) => (i % 3 === 0 ? 1 : i % 5 === 0 ? 0.4 : 0)), [2, h * w]);
  const z = tf.randomNormal([2, 4], 0, 1, 'float32', 8) as tf.Tensor2D;
  const ll = tf.tidy(() => model.logLikelihood(x, model.decodeRaw(z))).dataSync();
  const logits = tf.tidy(() => model.logitsOf(tf.reshape(x, [2, h, w, 1]) as tf.Tensor4D, model.conditioning(z))).dataSync();
  const xs = x.dataSync();
  for (let b = 0; b < 2; b++) {
    let sum = 0;
    for (let i = 0; i < h * w; i++) {
      const l = logits[b * h * w + i];
      const p = 1 / (1 + Math.exp(-l));
      sum += xs[b * h * w + i] * Math.log(p) + (1 - xs[b * h * w + i]) * Math.log(1 - p);
    }
    assert.ok(Math.abs(ll[b] - sum) < 1e-3 * Math.max(1, Math.abs(sum)), `${ll[b]} vs ${sum}`);
  }
  tf.dispose([x, z]);
  model.dispose();
});

test('save and load: the weights round-trip; the manifest field names the decoder', async () => {
  await initBackend();
  const c = config(8, 8, { net: 'conv', hidden: [32] });
  const model = liveModel(c, 6);
  const names = describeModel(c).weights.map((s) => s.name);
  assert.ok(names.includes('decoder/pixelcnn0/kernel') && names.includes('decoder/pixelcnn5/cond') && names.includes('decoder/out/kernel'));
  const again = modelFromWeights(c, model.weightValues());
  assert.ok(again instanceof PixelCnnVae);
  const z = tf.randomNormal([1, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
  assert.deepEqual(again.decode(z).dataSync(), model.decode(z).dataSync());
  const missing = model.weightValues();
  missing.delete('decoder/pixelcnn2/cond');
  assert.throws(() => modelFromWeights(c, missing), /missing weight "decoder\/pixelcnn2\/cond"/);
  tf.dispose(z);
  model.dispose();
  again.dispose();
});

test('depth and receptive field as stated: 7 layers, 8 rows up and 8 columns either side', () => {
  const d = pixelCnnDecoder([28, 28, 1]);
  assert.equal(d.layers.length, 7);
  assert.deepEqual(d.receptiveField, { up: 8, left: 8, right: 8 });
  assert.deepEqual(d.layers.map((l) => l.mask), ['A', 'B', 'B', 'B', 'B', 'B', 'B']);
});

test('configurations a PixelCNN decoder refuses, each named', () => {
  assert.throws(() => validateConfig(config(28, 28, { likelihood: 'gaussian' })), /Bernoulli.*"gaussian"/);
  assert.throws(() => validateConfig(config(28, 28, { inputShape: [28, 28, 3] })), /gray images \(1 channel\), not 3/);
  assert.throws(() => validateConfig(config(64, 64)), /up to 32×32.*not 64×64/);
  assert.throws(() => validateConfig(config(28, 28, { model: 'iwae', iwaeK: 5 })), /option of the plain VAE.*"iwae"/);
  assert.throws(() => validateConfig(config(28, 28, { flow: 'iaf', flowSteps: 2 })), /standard prior and no flow/);
  assert.throws(() => validateConfig(config(28, 28, { decoder: 'lstm' as never })), /unknown decoder "lstm"/);
  validateConfig(config(32, 32));
  validateConfig(config(28, 28, { decoder: 'mirror', likelihood: 'gaussian', inputShape: [28, 28, 3] }));
});
