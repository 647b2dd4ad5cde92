// Vector quantisation as in van den Oord et al. (2017), "Neural Discrete Representation Learning": each encoder
// output vector z_e is replaced by its nearest code vector e_k, the decoder's gradient is copied straight through
// to z_e (the straight-through estimator), and two terms train the codebook and keep the encoder near it:
//   L = −log p(x|z_q) + ‖sg[z_e] − e‖² + β‖z_e − sg[e]‖²
// (sg: stop-gradient). The squared norms are summed over the grid cells and the D coordinates of each image, so
// they are per image, like the reconstruction term in nats.
import * as tf from '@tensorflow/tfjs-core';

/** sg[x]: the value of x, and no gradient through it. */
const stopGradientOp = tf.customGrad((x) => ({ value: tf.clone(x as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }));
export const stopGradient = stopGradientOp as unknown as <T extends tf.Tensor>(x: T) => T;

/** The straight-through estimator z_e + sg[z_q − z_e]: forward the value z_q, backward the gradient to z_e unchanged. */
export function straightThrough(ze: tf.Tensor2D, zq: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(ze, stopGradient(tf.sub(zq, ze))) as tf.Tensor2D);
}

/** argmin_k ‖z_i − e_k‖² for rows z [N, D] and a codebook [K, D], from ‖z‖² − 2 z·eᵀ + ‖e‖² (‖z‖² is the same for every k). */
export function nearestCodes(z: tf.Tensor2D, codebook: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const dist = tf.sub(tf.sum(tf.square(codebook), 1), tf.mul(2, tf.matMul(z, codebook, false, true)));
    return tf.argMin(dist, 1) as tf.Tensor1D;
  });
}

export interface Quantised {
  /** The code index of every row [N] (int32). */
  codes: tf.Tensor1D;
  /** e_codes: the code vectors [N, D], differentiable w.r.t. the codebook. */
  zq: tf.Tensor2D;
}

/** Nearest codes of rows z_e [N, D]; z_q as one-hot rows times the codebook, so its gradient reaches the codebook as a plain matMul. */
export function quantise(ze: tf.Tensor2D, codebook: tf.Tensor2D): Quantised {
  return tf.tidy(() => {
    const codes = nearestCodes(stopGradient(ze), stopGradient(codebook));
    // tfjs-wasm's OneHot writes int32 whatever dtype is asked for: cast it
    const zq = tf.matMul(tf.cast(tf.oneHot(codes, codebook.shape[0]), 'float32') as tf.Tensor2D, codebook) as tf.Tensor2D;
    return { codes, zq };
  });
}

/**
 * Per image of `cells` grid cells (rows of z_e/z_q in image order): the codebook loss ‖sg[z_e] − e‖², which moves
 * only the codes, and the commitment ‖z_e − sg[e]‖², which moves only the encoder; both [B].
 */
export function vqLossTerms(ze: tf.Tensor2D, zq: tf.Tensor2D, cells: number): { codebook: tf.Tensor1D; commitment: tf.Tensor1D } {
  return tf.tidy(() => {
    const perImage = (t: tf.Tensor2D) => tf.sum(tf.reshape(tf.square(t), [-1, cells * t.shape[1]]), 1) as tf.Tensor1D;
    return { codebook: perImage(tf.sub(stopGradient(ze), zq)), commitment: perImage(tf.sub(ze, stopGradient(zq))) };
  });
}
