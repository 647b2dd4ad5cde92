// μ(x) of every image of a dataset, in batches: what the latent map and Encode Image's nearest-image search both
// place the data by.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../shared/dataset';
import { batchRanges, imagesToTensor } from './batches';
import { conditionFor } from './condition';
import type { VaeModel } from './models/base';

/** ds.count × latentDim, row-major: E[z|x] of each image (a CVAE's under the image's own label). */
export async function posteriorMeans(model: VaeModel, ds: Dataset, batchSize = 500): Promise<Float32Array> {
  const d = model.config.latentDim;
  const mus = new Float32Array(ds.count * d);
  for (const [start, end] of batchRanges(ds.count, batchSize)) {
    const mu = tf.tidy(() => {
      const idx = Int32Array.from({ length: end - start }, (_, i) => start + i);
      return model.encode(imagesToTensor(ds, idx), conditionFor(model.config, ds, idx)).mu;
    });
    mus.set(await mu.data(), start * d);
    mu.dispose();
  }
  return mus;
}

/** μ(x) and σ(x) = exp(½ log σ²(x)) of every image, ds.count × latentDim each: what Export Latents writes. */
export interface PosteriorParameters {
  mu: Float32Array;
  sigma: Float32Array;
}

/**
 * q(z|x) = N(μ, diag σ²) of every image, in the same batches as posteriorMeans (so μ is the same, value for
 * value). `onBatch` hears (images done, total) after each batch; `shouldStop` is asked before each, and a stop
 * gives null (nothing half-computed escapes).
 */
export async function posteriorParameters(
  model: VaeModel,
  ds: Dataset,
  hooks: { batchSize?: number; onBatch?(done: number, total: number): void; shouldStop?(): boolean } = {},
): Promise<PosteriorParameters | null> {
  const d = model.config.latentDim;
  const mu = new Float32Array(ds.count * d);
  const sigma = new Float32Array(ds.count * d);
  for (const [start, end] of batchRanges(ds.count, hooks.batchSize ?? 500)) {
    if (hooks.shouldStop?.()) return null;
    const [m, s] = tf.tidy(() => {
      const idx = Int32Array.from({ length: end - start }, (_, i) => start + i);
      const q = model.encode(imagesToTensor(ds, idx), conditionFor(model.config, ds, idx));
      return [q.mu, tf.exp(tf.mul(q.logvar, 0.5))];
    });
    mu.set(await m.data(), start * d);
    sigma.set(await s.data(), start * d);
    tf.dispose([m, s]);
    hooks.onBatch?.(end, ds.count);
  }
  return { mu, sigma };
}
