// Decoder observation models log p(x|z), from the decoder's pre-activation output `out` ([B, D]).
// Each returns one log-likelihood per image ([B]), summed over pixels; x is in [0, 1].
import * as tf from '@tensorflow/tfjs-core';
import type { Likelihood } from '../shared/types';

const LOG_2PI = Math.log(2 * Math.PI);

// tfjs-wasm's Softplus kernel is slow (~2.3 ms on 128×784, a tenth of a training step), and so is its scalar Exp
// (~0.7 ms). softplus(l) = relu(l) − log σ(|l|) needs only XNNPACK's vectorised sigmoid and one log, and never
// overflows: σ(|l|) ∈ [½, 1). The hand-written gradient x − σ(l) skips autodiff through it.
const bernoulliFused = tf.customGrad((x, logits, save) => {
  const xs = x as tf.Tensor2D;
  const l = logits as tf.Tensor2D;
  // softplus(l) = max(l, 0) + log(1 + e^−|l|) = max(l, 0) − log σ(|l|)
  const softplus = tf.sub(tf.relu(l), tf.log(tf.sigmoid(tf.abs(l))));
  (save as tf.GradSaveFunc)([xs, l]);
  return {
    value: tf.sum(tf.sub(tf.mul(xs, l), softplus), 1),
    gradFunc: (dy, saved) => {
      const [sx, sl] = saved as tf.Tensor2D[];
      const dyCol = tf.reshape(dy as tf.Tensor, [-1, 1]);
      // ∂/∂x = l, ∂/∂l = x − sigmoid(l)
      return [tf.mul(dyCol, sl), tf.mul(dyCol, tf.sub(sx, tf.sigmoid(sl)))];
    },
  };
}) as (x: tf.Tensor2D, logits: tf.Tensor2D) => tf.Tensor1D;

/** log Bern(x; sigmoid(l)) = x·l − softplus(l), the stable form of x log p + (1−x) log(1−p). */
export function bernoulliLogLik(x: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  return bernoulliFused(x, logits);
}

/** log N(x; m, σ²) = −½(log 2π + 2 log σ + (x − m)²/σ²), with m = sigmoid(out). */
export function gaussianLogLik(x: tf.Tensor2D, out: tf.Tensor2D, logScale: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const m = tf.sigmoid(out);
    const z2 = tf.div(tf.square(tf.sub(x, m)), tf.exp(tf.mul(2, logScale)));
    return tf.mul(-0.5, tf.sum(tf.add(tf.add(LOG_2PI, tf.mul(2, logScale)), z2), 1)) as tf.Tensor1D;
  });
}

/** log Laplace(x; m, b) = −log 2b − |x − m|/b, with m = sigmoid(out). */
export function laplaceLogLik(x: tf.Tensor2D, out: tf.Tensor2D, logScale: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const m = tf.sigmoid(out);
    const r = tf.div(tf.abs(tf.sub(x, m)), tf.exp(logScale));
    return tf.neg(tf.sum(tf.add(tf.add(Math.LN2, logScale), r), 1)) as tf.Tensor1D;
  });
}

/** log p(x|z) per image for the configured likelihood; logScale is ignored for Bernoulli. */
export function logLikelihood(kind: Likelihood, x: tf.Tensor2D, out: tf.Tensor2D, logScale: tf.Tensor): tf.Tensor1D {
  switch (kind) {
    case 'bernoulli':
      return bernoulliLogLik(x, out);
    case 'gaussian':
      return gaussianLogLik(x, out, logScale);
    case 'laplace':
      return laplaceLogLik(x, out, logScale);
  }
}
