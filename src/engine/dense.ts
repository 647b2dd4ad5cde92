// A dense layer y = act(x·W + b) with a hand-written gradient. tfjs autodiff of matMul uses the transposeA /
// transposeB flags, which run ~12× slower than a plain matMul on tfjs-wasm's own kernel (see
// ../shared/notes/performance.md); an explicit transpose followed by a plain matMul gives the same numbers
// several times faster. With the BLAS kernel (blasMatMul.ts) the flags are free, and the transposes are skipped.
import * as tf from '@tensorflow/tfjs-core';
import { blasMatMulInstalled } from './blasMatMul';

export type Activation = 'linear' | 'relu';

function plainMatMulGradients(x: tf.Tensor2D, w: tf.Tensor2D, dy: tf.Tensor2D, inputGrad: boolean) {
  // The data batch needs no gradient: skipping dX of the first layer saves its largest matmul (~10% of a step).
  const flags = blasMatMulInstalled();
  const dx = !inputGrad ? tf.zerosLike(x) : flags ? tf.matMul(dy, w, false, true) : tf.matMul(dy, tf.transpose(w));
  const dw = flags ? tf.matMul(x, dy, true, false) : tf.matMul(tf.transpose(x), dy);
  // tfjs-wasm sums over the batch axis by transposing first; with BLAS, 1ᵀ·dy is one cheap product instead
  const db = flags ? tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1]]) : tf.sum(dy, 0);
  return [dx, dw, db];
}

function makeDense(relu: boolean, inputGrad: boolean) {
  return tf.customGrad((x, w, b, save) => {
    const xs = x as tf.Tensor2D;
    const ws = w as tf.Tensor2D;
    const a = tf.add(tf.matMul(xs, ws), b as tf.Tensor1D) as tf.Tensor2D;
    const y = relu ? tf.relu(a) : a;
    (save as tf.GradSaveFunc)([xs, ws, y]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [sx, sw, sy] = saved as tf.Tensor2D[];
        // relu'(a) = 1 where the output is positive
        const da = relu ? (tf.mul(dy as tf.Tensor2D, tf.step(sy)) as tf.Tensor2D) : (dy as tf.Tensor2D);
        return plainMatMulGradients(sx, sw, da, inputGrad);
      },
    };
  }) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;
}

const variants = {
  linear: makeDense(false, true),
  relu: makeDense(true, true),
  linearOnData: makeDense(false, false),
  reluOnData: makeDense(true, false),
};

/**
 * `onData`: x is the input batch, which needs no gradient; its dX is returned as zeros instead of computed.
 * Use it only for the layer that reads the data.
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation, onData = false): tf.Tensor2D {
  if (activation === 'relu') return (onData ? variants.reluOnData : variants.relu)(x, w, b);
  return (onData ? variants.linearOnData : variants.linear)(x, w, b);
}

/** The same layer through tfjs's own ops and autodiff; the reference the fast path is tested against. */
export function densePlain(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation): tf.Tensor2D {
  const a = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  return activation === 'relu' ? tf.relu(a) : a;
}
