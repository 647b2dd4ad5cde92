// One image through a saved model, for Encode Image: q(z|x), the reconstruction from μ, and the anomaly score.
import * as tf from '@tensorflow/tfjs-core';
import { prepareImageFile } from '../data/prepareImage';
import type { Dataset } from '../data/types';
import { reconstructionErrors } from '../engine/anomaly';
import { reconstruct } from '../engine/generate';
import type { Encoding } from '../protocol/encoding';
import { loadModel } from '../store/modelStore';

export async function encodeImageFile(modelDir: string, imagePath: string): Promise<Encoding> {
  const { model } = await loadModel(modelDir);
  try {
    const [height, width, c] = model.config.inputShape;
    const channels = c as 1 | 3;
    const pixels = await prepareImageFile(imagePath, { height, width, channels });
    const one: Dataset = {
      images: pixels, count: 1, height, width, channels, labels: null, labelNames: [], sources: [imagePath],
      report: { root: imagePath, loaded: 1, skipped: [], resized: 0, channelConverted: 0 },
    };
    const { mu, logvar } = tf.tidy(() => model.encode(tf.div(tf.tensor2d(pixels, [1, pixels.length], 'float32'), 255) as tf.Tensor2D));
    const encoding: Encoding = {
      imagePath, modelDir, height, width, channels, pixels,
      reconstruction: reconstruct(model, one, [0]),
      mu: Array.from(await mu.data()),
      logvar: Array.from(await logvar.data()),
      reconError: (await reconstructionErrors(model, one))[0],
    };
    tf.dispose([mu, logvar]);
    return encoding;
  } finally {
    model.dispose();
  }
}
