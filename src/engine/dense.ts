// A dense layer y = act(x·W + b) with a hand-written gradient. tfjs autodiff of matMul uses the transposeA /
// transposeB flags, which run ~12× slower than a plain matMul on the wasm backend (see
// ../shared/notes/performance.md); an explicit transpose followed by a plain matMul gives the same numbers
// several times faster.
import * as tf from '@tensorflow/tfjs-core';

export type Activation = 'linear' | 'relu';

function plainMatMulGradients(x: tf.Tensor2D, w: tf.Tensor2D, dy: tf.Tensor2D) {
  const dx = tf.matMul(dy, tf.transpose(w));
  const dw = tf.matMul(tf.transpose(x), dy);
  const db = tf.sum(dy, 0);
  return [dx, dw, db];
}

const denseLinear = tf.customGrad((x, w, b, save) => {
  const xs = x as tf.Tensor2D;
  const ws = w as tf.Tensor2D;
  (save as tf.GradSaveFunc)([xs, ws]);
  return {
    value: tf.add(tf.matMul(xs, ws), b as tf.Tensor1D),
    gradFunc: (dy, saved) => plainMatMulGradients(saved[0] as tf.Tensor2D, saved[1] as tf.Tensor2D, dy as tf.Tensor2D),
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

const denseRelu = tf.customGrad((x, w, b, save) => {
  const xs = x as tf.Tensor2D;
  const ws = w as tf.Tensor2D;
  const y = tf.relu(tf.add(tf.matMul(xs, ws), b as tf.Tensor1D)) as tf.Tensor2D;
  (save as tf.GradSaveFunc)([xs, ws, y]);
  return {
    value: y,
    gradFunc: (dy, saved) => {
      const [sx, sw, sy] = saved as tf.Tensor2D[];
      // relu'(a) = 1 where the output is positive
      const da = tf.mul(dy as tf.Tensor2D, tf.step(sy)) as tf.Tensor2D;
      return plainMatMulGradients(sx, sw, da);
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation): tf.Tensor2D {
  return activation === 'relu' ? denseRelu(x, w, b) : denseLinear(x, w, b);
}

/** The same layer through tfjs's own ops and autodiff; the reference the fast path is tested against. */
export function densePlain(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation): tf.Tensor2D {
  const a = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  return activation === 'relu' ? tf.relu(a) : a;
}
