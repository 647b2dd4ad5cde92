// Images out of the model, as uint8 pixels (N·H·W·C) ready for a PNG or a canvas, or as the float means.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../shared/dataset';
import { imagesToTensor, unitToBytes } from './batches';
import { conditionFor, isConditional, labelTensor } from './condition';
import type { VaeModel } from './models/base';

/** Decoded means of E_q[z|x] = μ(x): the usual deterministic reconstruction (a CVAE's under each image's label). */
export function reconstructMeans(model: VaeModel, ds: Dataset, indices: number[]): Float32Array {
  const y = tf.tidy(() => {
    const c = conditionFor(model.config, ds, indices);
    // μ, or with a flow f(μ): the code the decoder was trained on
    return model.decode(model.meanCode(model.encode(imagesToTensor(ds, indices), c)), c);
  });
  // a copy: the backend may hand out a view of memory that dispose() frees
  const out = (y.dataSync() as Float32Array).slice();
  y.dispose();
  return out;
}

export function reconstruct(model: VaeModel, ds: Dataset, indices: number[]): Uint8Array {
  return unitToBytes(reconstructMeans(model, ds, indices));
}

/**
 * The labels n decodes are made under: `labels` when given (one per image, or one for all), else for a conditional
 * model the labels in turn (0, 1, …, K−1, 0, …); nothing for an unconditional model.
 */
function labelsFor(model: VaeModel, n: number, labels?: ArrayLike<number>): tf.Tensor2D | undefined {
  if (!isConditional(model.config)) return undefined;
  const k = model.config.labels?.length ?? 1;
  const chosen = Int32Array.from({ length: n }, (_, i) => (labels ? labels[labels.length === 1 ? 0 : i] : i % k));
  return labelTensor(model.config, chosen);
}

/** Decoded means of z ~ p(z) at temperature T (N(0, T²·I) for the standard prior), as floats in [0, 1]. */
export function samplePriorMeans(model: VaeModel, n: number, seed: number, temperature = 1, labels?: ArrayLike<number>): Float32Array {
  // the model's own prior: N(0, T²·I), or a learned mixture's components at temperature T
  const y = tf.tidy(() => model.decode(model.samplePriorLatents(n, seed, temperature), labelsFor(model, n, labels)));
  // a copy: the backend may hand out a view of memory that dispose() frees
  const out = (y.dataSync() as Float32Array).slice();
  y.dispose();
  return out;
}

/** Decoded means of z ~ N(0, T²·I): samples from the prior at temperature T (a CVAE's under `labels`). */
export function samplePrior(model: VaeModel, n: number, seed: number, temperature = 1, labels?: ArrayLike<number>): Uint8Array {
  return unitToBytes(samplePriorMeans(model, n, seed, temperature, labels));
}

/** Decoded means of given latent codes (rows of length latentDim), a CVAE's under `labels`. */
export function decodeLatents(model: VaeModel, codes: Float32Array, n: number, labels?: ArrayLike<number>): Uint8Array {
  const y = tf.tidy(() => model.decode(tf.tensor2d(codes, [n, model.config.latentDim]), labelsFor(model, n, labels)));
  const out = unitToBytes(y.dataSync() as Float32Array);
  y.dispose();
  return out;
}
