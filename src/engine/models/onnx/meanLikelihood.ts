// log p(x|z) when an imported decoder outputs the mean itself (decoder output 'probabilities' or 'mean') rather
// than logits: the engine's likelihoods (../../likelihoods.ts) take sigmoid⁻¹ of the mean, which a linear
// Gaussian decoder's mean outside (0, 1) does not have. One value per image ([B]), summed over pixels.
import * as tf from '@tensorflow/tfjs-core';
import type { Likelihood } from '../../../shared/types';

const LOG_2PI = Math.log(2 * Math.PI);
/** PyTorch's binary_cross_entropy clamps each log at −100, so a p of exactly 0 or 1 costs 100 nats, not ∞. */
const LOG_FLOOR = -100;

/** log p(x|m): Bernoulli x·log m + (1−x)·log(1−m); Gaussian −½(log 2π + 2 log σ + (x−m)²/σ²); Laplace −log 2b − |x−m|/b. */
export function meanLogLikelihood(kind: Likelihood, x: tf.Tensor2D, m: tf.Tensor2D, logScale: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    if (kind === 'bernoulli') {
      const logP = tf.maximum(tf.log(m), LOG_FLOOR);
      const log1mP = tf.maximum(tf.log(tf.sub(1, m)), LOG_FLOOR);
      return tf.sum(tf.add(tf.mul(x, logP), tf.mul(tf.sub(1, x), log1mP)), 1) as tf.Tensor1D;
    }
    if (kind === 'gaussian') {
      const z2 = tf.div(tf.square(tf.sub(x, m)), tf.exp(tf.mul(2, logScale)));
      return tf.mul(-0.5, tf.sum(tf.add(tf.add(LOG_2PI, tf.mul(2, logScale)), z2), 1)) as tf.Tensor1D;
    }
    const r = tf.div(tf.abs(tf.sub(x, m)), tf.exp(logScale));
    return tf.neg(tf.sum(tf.add(tf.add(Math.LN2, logScale), r), 1)) as tf.Tensor1D;
  });
}
