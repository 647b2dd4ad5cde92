// maskedConv2d runs only the kernel's top (k + 1)/2 rows (the rows below the centre are all masked taps): its output
// and its gradients must be those of the full masked kernel convolved with `same` padding, the textbook form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { causalMask, maskedConv2d } from '../../../src/engine/networks/maskedConv';
import { explicitPad } from '../../../src/shared/network';
import type { MaskType } from '../../../src/shared/networks/pixelcnn';
import { Rng } from '../../../src/shared/rng';

/** conv2d(x, W ⊙ M) with (k − 1)/2 zero padding on every side, + b + cond, ReLU: the definition. */
function reference(x: tf.Tensor4D, kernel: tf.Tensor4D, mask: tf.Tensor4D, bias: tf.Tensor1D, cond: tf.Tensor2D): tf.Tensor4D {
  const k = kernel.shape[0];
  const y = tf.add(tf.add(tf.conv2d(x, tf.mul(kernel, mask) as tf.Tensor4D, 1, explicitPad((k - 1) / 2)), bias), tf.reshape(cond, [cond.shape[0], 1, 1, cond.shape[1]]));
  return tf.relu(y) as tf.Tensor4D;
}

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

test('maskedConv2d on the top rows of the kernel equals the full masked convolution, values and gradients', async () => {
  await initBackend();
  const rng = new Rng(3);
  const rand = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)), shape);
  for (const [k, cin, cout, type] of [[7, 1, 8, 'A'], [3, 8, 8, 'B'], [5, 2, 3, 'B']] as [number, number, number, MaskType][]) {
    const [n, h, w] = [2, 9, 6];
    const x = rand([n, h, w, cin]) as tf.Tensor4D;
    const kernel = rand([k, k, cin, cout]) as tf.Tensor4D;
    const mask = tf.tensor4d(causalMask(k, cin, cout, type), [k, k, cin, cout]);
    const bias = rand([cout]) as tf.Tensor1D;
    const cond = rand([n, cout]) as tf.Tensor2D;
    const fast = maskedConv2d(x, kernel, mask, bias, cond, true);
    const slow = reference(x, kernel, mask, bias, cond);
    assert.deepEqual(fast.shape, [n, h, w, cout]);
    assert.ok(maxDiff(fast, slow) < 1e-5, `${k}×${k} mask ${type}: outputs differ by ${maxDiff(fast, slow)}`);
    // a weighted sum makes every output position count in the gradient
    const weights = rand([n, h, w, cout]);
    const loss = (f: typeof reference) => (xs: tf.Tensor, ks: tf.Tensor) => tf.sum(tf.mul(f(xs as tf.Tensor4D, ks as tf.Tensor4D, mask, bias, cond), weights));
    const [gxFast, gkFast] = tf.grads(loss((a, b, m, bb, c) => maskedConv2d(a, b, m, bb, c, true)))([x, kernel]);
    const [gxSlow, gkSlow] = tf.grads(loss(reference))([x, kernel]);
    assert.ok(maxDiff(gxFast, gxSlow) < 1e-4, `${k}×${k} mask ${type}: ∂/∂x differs by ${maxDiff(gxFast, gxSlow)}`);
    assert.ok(maxDiff(gkFast, gkSlow) < 1e-4, `${k}×${k} mask ${type}: ∂/∂W differs by ${maxDiff(gkFast, gkSlow)}`);
    // the masked taps get no gradient, as before
    assert.equal(tf.tidy(() => tf.max(tf.abs(tf.mul(gkFast, tf.sub(1, mask)))).dataSync()[0]), 0);
    tf.dispose([x, kernel, mask, bias, cond, fast, slow, weights, gxFast, gkFast, gxSlow, gkSlow]);
  }
});
