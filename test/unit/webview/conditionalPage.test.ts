// The page runs a conditional VAE from its description like the engine (batches in tfjs, one code in plain JS,
// each under its label), and the panel's label-effect measure tells a decoder that uses its label from one that
// ignores it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { labelTensor } from '../../../src/engine/condition';
import { createModel } from '../../../src/engine/models/registry';
import { labelEffect } from '../../../src/webview/labelEffect';
import { PageVae } from '../../../src/webview/pageVae';
import { tinyConfig } from '../../helpers/synthetic';

const LABELS = ['a', 'b', 'c'];

test('the page decodes and encodes a CVAE like the engine, under the labels asked for or its current label', async () => {
  await initBackend();
  const config = tinyConfig({ model: 'cvae', labels: LABELS, inputShape: [4, 4, 1], hidden: [12], latentDim: 2 });
  const model = createModel(config, 5);
  const values = model.weightValues();
  const specs = model.weightSpecs();
  const all = new Float32Array(specs.flatMap((s) => Array.from(values.get(s.name)!)));
  const page = PageVae.fromWeights(all, specs, config);
  assert.deepEqual(page.labels, LABELS);
  const codes = Float32Array.from([0.5, -1, 0.5, -1, 0.5, -1]);
  const labels = [0, 1, 2];
  const ref = tf.tidy(() => tf.round(tf.mul(model.decode(tf.tensor2d(codes, [3, 2]), labelTensor(config, labels)), 255)).dataSync());
  const got = page.decode(codes, 3, labels);
  for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(got[i] - ref[i]) <= 1, `pixel ${i}: ${got[i]} vs ${ref[i]}`);
  // one code: the plain-JS path, under the page's current label
  page.label = 2;
  const one = page.decode(codes.subarray(4, 6), 1);
  for (let j = 0; j < 16; j++) assert.ok(Math.abs(one[j] - ref[32 + j]) <= 1, `single code pixel ${j}`);
  assert.notDeepEqual(Array.from(page.decode(codes.subarray(0, 2), 1, [0])), Array.from(page.decode(codes.subarray(0, 2), 1, [1])));
  const pixels = Uint8Array.from({ length: 16 }, (_, i) => (i * 16) % 256);
  const mu = tf.tidy(() => model.encode(tf.div(tf.tensor2d(pixels, [1, 16], 'float32'), 255) as tf.Tensor2D, labelTensor(config, [1])).mu.dataSync());
  const pageMu = page.encodeMu(pixels, 1, [1]);
  for (let d = 0; d < 2; d++) assert.ok(Math.abs(pageMu[d] - mu[d]) < 1e-5);
  page.dispose();
  model.dispose();
});

test('label effect: a grid whose rows are alike is "ignored", one whose rows differ is not', () => {
  const per = 4;
  // 2 labels × 3 codes: columns differ by code, rows (labels) identical → ignored
  const same = Uint8Array.from({ length: 2 * 3 * per }, (_, i) => (Math.floor(i / per) % 3) * 60);
  const e = labelEffect(same, 2, 3, per);
  assert.equal(e.acrossLabels, 0);
  assert.equal(e.acrossCodes, 80); // pairs of codes differ by 60, 120, 60
  assert.equal(e.ignored, true);
  // rows differ by 100, codes by 10 → used
  const used = Uint8Array.from({ length: 2 * 3 * per }, (_, i) => Math.floor(i / (3 * per)) * 100 + (Math.floor(i / per) % 3) * 10);
  const u = labelEffect(used, 2, 3, per);
  assert.equal(u.acrossLabels, 100);
  assert.equal(u.ignored, false);
});
