// The KL regulariser of the ELBO and the Gaussian log-densities used by the importance-weighted bound.
import * as tf from '@tensorflow/tfjs-core';

const LOG_2PI = Math.log(2 * Math.PI);

/** KL(N(μ,σ²) || N(0,1)) = ½(μ² + σ² − 1 − log σ²), elementwise: [B, D] per image and dimension. */
export function klPerDim(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(0.5, tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(1, logvar))) as tf.Tensor2D);
}

/** log N(z; μ, σ²) = −½(log 2π + log σ² + (z−μ)²/σ²), summed over the last axis. */
export function logNormalDensity(z: tf.Tensor, mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.tidy(() =>
    tf.mul(-0.5, tf.sum(tf.add(tf.add(LOG_2PI, logvar), tf.div(tf.square(tf.sub(z, mu)), tf.exp(logvar))), -1)),
  );
}

/** log N(z; 0, I) = −½(D log 2π + ‖z‖²). */
export function logStandardNormalDensity(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(-0.5, tf.sum(tf.add(LOG_2PI, tf.square(z)), -1)));
}
