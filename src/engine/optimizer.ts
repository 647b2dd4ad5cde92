// The training loop's Adam: the native fused kernel when the addon is loaded and tfjs-wasm holds the tensors,
// else tfjs's own tf.train.adam. Both compute the same update (optimizer.test.ts).
import * as tf from '@tensorflow/tfjs-core';
import { FusedAdam } from './fusedAdam';
import { nativeKernels } from './nativeKernels';
import { activeWasmBackend } from './wasmHeap';

export interface StepOptimizer {
  /** Differentiates `f` w.r.t. `vars`, applies one update and returns the loss (the caller disposes it). */
  minimize(f: () => tf.Scalar, vars: tf.Variable[]): tf.Scalar;
  dispose(): void;
}

export function createAdam(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, allowNative = true): StepOptimizer {
  const kernels = nativeKernels();
  const backend = activeWasmBackend();
  if (allowNative && kernels && backend) return new FusedAdam(kernels, backend, learningRate, beta1, beta2, epsilon);
  const adam = tf.train.adam(learningRate, beta1, beta2, epsilon);
  return {
    minimize: (f, vars) => adam.minimize(f, true, vars)!,
    dispose: () => adam.dispose(),
  };
}
