import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { MlpVae } from '../../../src/engine/mlpVae';
import { decodeOneJs } from '../../../src/webview/jsDecoder';
import { tinyConfig } from '../../helpers/synthetic';

test('the plain-JS single-code decoder gives the pixels of the model decoder (sigmoid mean × 255)', async () => {
  await initBackend();
  const config = tinyConfig({ inputShape: [12, 10, 3], hidden: [40, 24], latentDim: 5 });
  const model = MlpVae.create(config, 3);
  const values = model.weightValues();
  const layer = (name: string) => {
    const kernel = values.get(`${name}/kernel`)!;
    const spec = model.weightSpecs().find((s) => s.name === `${name}/kernel`)!;
    return { kernel, bias: values.get(`${name}/bias`)!, inSize: spec.shape[0], outSize: spec.shape[1] };
  };
  const layers = ['decoder/dense0', 'decoder/dense1', 'decoder/out'].map(layer);
  for (let k = 0; k < 5; k++) {
    const code = Float32Array.from({ length: 5 }, (_, i) => Math.sin(k * 5 + i) * 2);
    const js = decodeOneJs(layers, code);
    const ref = tf.tidy(() => tf.round(tf.mul(tf.sigmoid(model.decodeRaw(tf.tensor2d(code, [1, 5]))), 255)).dataSync());
    assert.equal(js.length, 12 * 10 * 3);
    let worst = 0;
    for (let i = 0; i < js.length; i++) worst = Math.max(worst, Math.abs(js[i] - ref[i]));
    // float32 sums in another order can move a pixel across a .5 rounding boundary: at most 1 level
    assert.ok(worst <= 1, `code ${k}: pixels differ by up to ${worst}`);
  }
  model.dispose();
});
