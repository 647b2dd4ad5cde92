// Planar flows (Rezende & Mohamed 2015): f(z) = z + û h(wᵀz + b), h = tanh, with û constrained so that f is
// invertible. Amortised: the encoder gives each image its own (u, w, b) for every step.
import * as tf from '@tensorflow/tfjs-core';

/** Keeps 1 + ûᵀψ away from 0 inside the log (it is ≥ 0 exactly, by the constraint on û). */
const LOG_DET_FLOOR = 1e-8;

/**
 * û = u + (m(wᵀu) − wᵀu) w / ‖w‖², m(a) = −1 + softplus(a) (Rezende & Mohamed 2015, appendix A): then
 * wᵀû = m(wᵀu) > −1 for any u, w, which makes f invertible. Rows of u, w [B, D]. Also returns wᵀû as m(wᵀu)
 * itself ([B, 1]): computed from û in float32 it can miss −1 by rounding when |wᵀu| is large, m cannot.
 */
export function constrainPlanarU(u: tf.Tensor2D, w: tf.Tensor2D): { uHat: tf.Tensor2D; wuHat: tf.Tensor2D } {
  return tf.tidy(() => {
    const wu = tf.sum(tf.mul(w, u), 1, true);
    const m = tf.sub(tf.softplus(wu), 1) as tf.Tensor2D;
    const wNorm2 = tf.add(tf.sum(tf.square(w), 1, true), 1e-12);
    return { uHat: tf.add(u, tf.mul(tf.div(tf.sub(m, wu), wNorm2), w)) as tf.Tensor2D, wuHat: m };
  });
}

/** f(z) = z + û tanh(wᵀz + b); log |det ∂f/∂z| = log |1 + ûᵀψ(z)|, ψ(z) = (1 − tanh²(wᵀz + b)) w. Per row. */
export function planarStep(z: tf.Tensor2D, u: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor2D): { z: tf.Tensor2D; logDet: tf.Tensor1D } {
  return tf.tidy(() => {
    const { uHat, wuHat } = constrainPlanarU(u, w);
    const a = tf.add(tf.sum(tf.mul(w, z), 1, true), b);
    const t = tf.tanh(a);
    const out = tf.add(z, tf.mul(uHat, t)) as tf.Tensor2D;
    // ûᵀψ = (1 − tanh²(a)) wᵀû, with wᵀû = m ≥ −1 exactly: 1 + ûᵀψ ≥ tanh²(a) ≥ 0
    const uPsi = tf.mul(tf.sub(1, tf.square(t)), wuHat);
    const logDet = tf.log(tf.add(tf.abs(tf.add(1, uPsi)), LOG_DET_FLOOR));
    return { z: out, logDet: tf.reshape(logDet, [-1]) as tf.Tensor1D };
  });
}

/**
 * N planar steps with per-row parameters [B, N·(2D + 1)] laid out step by step as (u [D], w [D], b): z_N and
 * Σ_k log |det ∂f_k/∂z_{k−1}| per row.
 */
export function planarFlow(z0: tf.Tensor2D, params: tf.Tensor2D, steps: number): { z: tf.Tensor2D; logDet: tf.Tensor1D } {
  return tf.tidy(() => {
    const d = z0.shape[1];
    const size = 2 * d + 1;
    let z = z0;
    let logDet = tf.zeros([z0.shape[0]]) as tf.Tensor1D;
    for (let k = 0; k < steps; k++) {
      const u = tf.slice(params, [0, k * size], [-1, d]) as tf.Tensor2D;
      const w = tf.slice(params, [0, k * size + d], [-1, d]) as tf.Tensor2D;
      const b = tf.slice(params, [0, k * size + 2 * d], [-1, 1]) as tf.Tensor2D;
      const step = planarStep(z, u, w, b);
      z = step.z;
      logDet = tf.add(logDet, step.logDet) as tf.Tensor1D;
    }
    return { z, logDet };
  });
}
