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
