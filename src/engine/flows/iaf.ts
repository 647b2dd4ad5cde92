// Inverse autoregressive flow (Kingma et al. 2016): each step a MADE (Germain et al. 2015) reads z and the
// encoder's context h and gives (m, s) with m_d, s_d depending on z_<d only; z' = σ(s) ⊙ z + (1 − σ(s)) ⊙ m.
// The Jacobian is lower triangular with σ(s) on its diagonal, so log |det| = Σ_d log σ(s_d). The order of z is
// reversed between steps so that every dimension gets to depend on every other.
import * as tf from '@tensorflow/tfjs-core';
import { madeMasks } from '../../shared/made';

// the masks are plain data the page's flow (shared/flowApply.ts) reads too
export { madeMasks };

export type IafStepWeights = {
  /** z → hidden [D, H] (masked), h → hidden [H_ctx, H], hidden bias [H]. */
  zKernel: tf.Tensor;
  hKernel: tf.Tensor;
  bias: tf.Tensor;
  /** hidden → m and s [H, D] (masked), their biases [D]. */
  mKernel: tf.Tensor;
  mBias: tf.Tensor;
  sKernel: tf.Tensor;
  sBias: tf.Tensor;
};

export type IafMasks = { inMask: tf.Tensor2D; outMask: tf.Tensor2D };

/** One step: [m, s] = MADE(z, h); z' = σ(s) ⊙ z + (1 − σ(s)) ⊙ m; log |det ∂z'/∂z| = Σ_d log σ(s_d). */
export function iafStep(z: tf.Tensor2D, h: tf.Tensor2D, w: IafStepWeights, masks: IafMasks): { z: tf.Tensor2D; logDet: tf.Tensor1D } {
  return tf.tidy(() => {
    const hidden = tf.relu(tf.add(tf.add(tf.matMul(z, tf.mul(w.zKernel, masks.inMask) as tf.Tensor2D), tf.matMul(h, w.hKernel as tf.Tensor2D)), w.bias)) as tf.Tensor2D;
    const m = tf.add(tf.matMul(hidden, tf.mul(w.mKernel, masks.outMask) as tf.Tensor2D), w.mBias);
    const s = tf.add(tf.matMul(hidden, tf.mul(w.sKernel, masks.outMask) as tf.Tensor2D), w.sBias);
    const gate = tf.sigmoid(s);
    const out = tf.add(tf.mul(gate, z), tf.mul(tf.sub(1, gate), m)) as tf.Tensor2D;
    // log σ(s) = −softplus(−s), without the underflow of log(sigmoid(s)) for very negative s
    const logDet = tf.sum(tf.neg(tf.softplus(tf.neg(s))), 1) as tf.Tensor1D;
    return { z: out, logDet };
  });
}

/**
 * The whole flow: the steps in turn with z reversed before every step after the first (a permutation: |det| = 1),
 * and once more at the end if needed so that z_K's dimensions are named as z_0's.
 */
export function iafFlow(z0: tf.Tensor2D, h: tf.Tensor2D, steps: readonly IafStepWeights[], masks: IafMasks): { z: tf.Tensor2D; logDet: tf.Tensor1D } {
  return tf.tidy(() => {
    let z = z0;
    let logDet = tf.zeros([z0.shape[0]]) as tf.Tensor1D;
    steps.forEach((w, k) => {
      if (k > 0) z = tf.reverse(z, 1);
      const step = iafStep(z, h, w, masks);
      z = step.z;
      logDet = tf.add(logDet, step.logDet) as tf.Tensor1D;
    });
    if (steps.length > 1 && (steps.length - 1) % 2 === 1) z = tf.reverse(z, 1);
    return { z, logDet };
  });
}
