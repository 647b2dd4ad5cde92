// The VAE-GAN's epoch-end sharpness: variance of the Laplacian (shared/sharpness.ts) of prior samples, of the
// reconstructions (decoded from μ) of the first training images, and of those images themselves, so the
// training curves can show whether the decoder's images approach the data's sharpness.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../../shared/dataset';
import { sharpness } from '../../../shared/sharpness';
import type { GanStats } from '../../../shared/types';
import { imagesToTensor } from '../../batches';
import type { VaeModel } from '../base';

/** Images per figure: enough for a stable mean (its spread over images is ~30 % on Fashion-MNIST), cheap to decode. */
export const SHARPNESS_IMAGES = 256;
/** The prior samples' seed: the same codes every epoch, so the curve follows the model and not the draw. */
const SAMPLE_SEED = 0x5a4d;

export function sharpnessAtEpochEnd(model: VaeModel, train: Dataset): NonNullable<GanStats['sharpness']> {
  const n = Math.min(SHARPNESS_IMAGES, train.count);
  const { height: h, width: w, channels: c } = train;
  const [data, recon, samples] = tf.tidy(() => {
    const x = imagesToTensor(train, Int32Array.from({ length: n }, (_, i) => i));
    const posterior = model.encode(x);
    return [x, model.decode(model.meanCode(posterior)), model.decode(model.samplePriorLatents(n, SAMPLE_SEED, 1))];
  });
  const of = (t: tf.Tensor) => sharpness(t.dataSync(), n, h, w, c);
  const out = { samples: of(samples), reconstructions: of(recon), data: of(data), nImages: n };
  tf.dispose([data, recon, samples]);
  return out;
}
