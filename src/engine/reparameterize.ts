import * as tf from '@tensorflow/tfjs-core';

/** z = μ + σ ⊙ ε with ε ~ N(0, I) and σ = exp(½ log σ²): sampling that gradients can pass through. */
export function reparameterize(mu: tf.Tensor2D, logvar: tf.Tensor2D, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
    return tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps)) as tf.Tensor2D;
  });
}

/** The same with ε given, for gradient checks. */
export function reparameterizeWith(mu: tf.Tensor, logvar: tf.Tensor, eps: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps)));
}
