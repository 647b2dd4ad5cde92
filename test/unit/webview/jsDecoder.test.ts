import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { createModel } from '../../../src/engine/models/registry';
import { lookupIn } from '../../../src/shared/network';
import { decodeOneJs } from '../../../src/webview/jsDecoder';
import { tinyConfig } from '../../helpers/synthetic';

test('the plain-JS single-code decoder gives the pixels of the model decoder (sigmoid mean × 255)', async () => {
  await initBackend();
  const config = tinyConfig({ inputShape: [12, 10, 3], hidden: [40, 24], latentDim: 5, likelihood: 'gaussian', decoderScale: 'learned' });
  const model = createModel(config, 3);
  const weights = lookupIn(model.weightValues());
  for (let k = 0; k < 5; k++) {
    const code = Float32Array.from({ length: 5 }, (_, i) => Math.sin(k * 5 + i) * 2);
    const js = decodeOneJs(model.architecture, weights, code);
    const ref = tf.tidy(() => tf.round(tf.mul(model.decode(tf.tensor2d(code, [1, 5])), 255)).dataSync());
    assert.equal(js.length, 12 * 10 * 3);
    let worst = 0;
    for (let i = 0; i < js.length; i++) worst = Math.max(worst, Math.abs(js[i] - ref[i]));
    // float32 sums in another order can move a pixel across a .5 rounding boundary: at most 1 level
    assert.ok(worst <= 1, `code ${k}: pixels differ by up to ${worst}`);
  }
  model.dispose();
});
