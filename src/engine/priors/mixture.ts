// The log-density of a mixture of diagonal Gaussians, the one formula behind the MoG prior and the VampPrior.
import * as tf from '@tensorflow/tfjs-core';

const LOG_2PI = Math.log(2 * Math.PI);

/** Components as tensors: means and log-variances [K, D], log π_k [K] (normalised: logsumexp = 0). */
export type MixtureTensors = {
  means: tf.Tensor2D;
  logvars: tf.Tensor2D;
  logWeights: tf.Tensor1D;
};

/** log p(z) = log Σ_k π_k N(z; m_k, diag exp(lv_k)) for each row of z [B, D]: [B]. */
export function logMixtureDensity(z: tf.Tensor2D, m: MixtureTensors): tf.Tensor1D {
  return tf.tidy(() => {
    // [B, 1, D] − [1, K, D]: every code against every component
    const diff = tf.sub(tf.expandDims(z, 1), tf.expandDims(m.means, 0));
    const lv = tf.expandDims(m.logvars, 0);
    const logN = tf.mul(-0.5, tf.sum(tf.add(tf.add(LOG_2PI, lv), tf.div(tf.square(diff), tf.exp(lv))), -1));
    return tf.logSumExp(tf.add(logN, m.logWeights), 1) as tf.Tensor1D;
  });
}
