// `sample --aggregate DATASET`: samples from the aggregate posterior instead of the prior. The dataset's μ(x) are
// fitted with a Gaussian mixture (EM, diagonal covariances, K by BIC unless --components; training/latentStats.ts,
// the same fit the panel's Samples section shows) and decoded: where the prior puts mass the encoder never uses
// (the "prior hole", Hoffman & Johnson 2016), these samples stay on the data.
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../data/loadDataset';
import { isConditional } from '../engine/condition';
import type { VaeModel } from '../engine/models/base';
import { posteriorMeans } from '../engine/posteriorMeans';
import { sampleMixture } from '../shared/gaussianMixture';
import { modelVariant } from '../shared/types';
import { UserError } from '../shared/userError';
import { latentStatsOf } from '../training/latentStats';

/** n decoded means (float32, n × inputSize) from a mixture fitted to μ(x) of `dataset`; also the K it used. */
export async function aggregateSampleMeans(
  model: VaeModel, dataset: string, n: number, seed: number, temperature: number, components: number,
): Promise<{ means: Float32Array; components: number; images: number }> {
  const variant = modelVariant(model.config);
  if (isConditional(model.config) || (variant !== 'vae' && variant !== 'iwae')) {
    throw new UserError(`--aggregate samples a Gaussian mixture fitted to μ(x): it needs an unconditional model with a Gaussian posterior (this one is a ${variant}).`);
  }
  const [h, w, c] = model.config.inputShape;
  const ds = await loadDataset(dataset, { size: { width: w, height: h } });
  if (ds.channels !== c) throw new UserError(`${dataset} has ${ds.channels}-channel images but the model expects ${c}.`);
  const d = model.config.latentDim;
  const stats = latentStatsOf(ds, await posteriorMeans(model, ds), d, components, seed);
  const codes = sampleMixture(stats.mixture, n, temperature, seed);
  const decoded = tf.tidy(() => model.decode(tf.tensor2d(codes, [n, d])));
  const means = (await decoded.data()) as Float32Array;
  decoded.dispose();
  return { means, components: stats.mixture.weights.length, images: ds.count };
}
