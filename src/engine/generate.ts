// Images out of the model, as uint8 pixels (N·H·W·C) ready for a PNG or a canvas.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../shared/dataset';
import { imagesToTensor, unitToBytes } from './batches';
import type { VaeModel } from './models/base';

/** Decoded means of E_q[z|x] = μ(x): the usual deterministic reconstruction. */
export function reconstruct(model: VaeModel, ds: Dataset, indices: number[]): Uint8Array {
  const y = tf.tidy(() => model.decode(model.encode(imagesToTensor(ds, indices)).mu));
  const out = unitToBytes(y.dataSync() as Float32Array);
  y.dispose();
  return out;
}

/** Decoded means of z ~ N(0, T²·I): samples from the prior at temperature T. */
export function samplePrior(model: VaeModel, n: number, seed: number, temperature = 1): Uint8Array {
  const y = tf.tidy(() => model.decode(tf.randomNormal([n, model.config.latentDim], 0, temperature, 'float32', seed)));
  const out = unitToBytes(y.dataSync() as Float32Array);
  y.dispose();
  return out;
}

/** Decoded means of given latent codes (rows of length latentDim). */
export function decodeLatents(model: VaeModel, codes: Float32Array, n: number): Uint8Array {
  const y = tf.tidy(() => model.decode(tf.tensor2d(codes, [n, model.config.latentDim])));
  const out = unitToBytes(y.dataSync() as Float32Array);
  y.dispose();
  return out;
}
