// The engine's half of the MLP network (its description is ../../shared/networks/mlp.ts): dense layers run through
// the fast custom-gradient `dense` (BLAS matMul when the native kernels are there), and start like PyTorch's
// nn.Linear. The page runs the same description with plain tfjs or plain-JS ops.
import * as tf from '@tensorflow/tfjs-core';
import type { VaeArchitecture } from '../../shared/architecture';
import { layerFanIn, type NetworkOps } from '../../shared/network';
import type { Rng } from '../../shared/rng';
import { dense } from '../dense';
import { convLayer } from './conv';

/** The training-time ops: `onInput` skips the data batch's input gradient (its largest matmul). */
export const engineOps: NetworkOps<tf.Tensor2D, tf.Tensor> = {
  dense: (x, kernel, bias, activation, onInput) => dense(x, kernel as tf.Tensor2D, bias as tf.Tensor1D, activation, onInput),
  conv: (x, kernel, bias, layer, activation) => convLayer(x, kernel, bias, layer, activation),
  sigmoid: (x) => tf.sigmoid(x),
  // a CVAE's label appended to a layer's input row
  concat: (x, c) => tf.concat([x, c], 1),
};

/**
 * Initial values of every weight, drawn in stored order from one stream: kernels and biases
 * ~ U(−1/√fan_in, 1/√fan_in) (PyTorch's default for nn.Linear, Conv2d and ConvTranspose2d: kaiming-uniform with
 * a = √5; see layerFanIn for a transposed convolution's fan-in), weights outside the networks (a learned log-scale) 0.
 */
export function initialWeights(arch: VaeArchitecture, rng: Rng): Map<string, Float32Array> {
  const fanIn = new Map<string, number>();
  const discriminator = arch.discriminator ? [arch.discriminator.features, arch.discriminator.head] : [];
  for (const net of [arch.encoder, arch.mu, arch.logvar, arch.decoder, ...discriminator]) {
    for (const l of net.layers) {
      fanIn.set(l.kernel, layerFanIn(l));
      fanIn.set(l.bias, layerFanIn(l));
    }
  }
  const values = new Map<string, Float32Array>();
  for (const spec of arch.weights) {
    const v = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    const n = fanIn.get(spec.name);
    if (n !== undefined) {
      const bound = 1 / Math.sqrt(n);
      for (let i = 0; i < v.length; i++) v[i] = rng.uniform(-bound, bound);
    }
    values.set(spec.name, v);
  }
  return values;
}
