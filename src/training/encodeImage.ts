// One image through a saved model, for Encode Image: q(z|x), the reconstruction from μ, and the anomaly score.
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../data/loadDataset';
import { prepareImageFile } from '../data/prepareImage';
import { subsetDataset } from '../data/split';
import { batchRanges, imagesToTensor } from '../engine/batches';
import type { VaeModel } from '../engine/models/base';
import { spreadIndices } from '../shared/spread';
import type { Dataset } from '../shared/dataset';
import { reconstructionErrors } from '../engine/anomaly';
import { reconstruct } from '../engine/generate';
import type { Encoding } from '../protocol/encoding';
import { loadModel } from '../store/modelStore';

export async function encodeImageFile(modelDir: string, imagePath: string): Promise<Encoding> {
  const { model, manifest } = await loadModel(modelDir);
  try {
    const [height, width, c] = model.config.inputShape;
    const channels = c as 1 | 3;
    const pixels = await prepareImageFile(imagePath, { height, width, channels });
    const one: Dataset = {
      images: pixels, count: 1, height, width, channels, labels: null, labelNames: [], sources: [imagePath],
      report: { root: imagePath, loaded: 1, skipped: [], resized: 0, channelConverted: 0 },
    };
    const { mu, logvar } = tf.tidy(() => model.encode(tf.div(tf.tensor2d(pixels, [1, pixels.length], 'float32'), 255) as tf.Tensor2D));
    const muValues = Array.from(await mu.data());
    const logvarValues = Array.from(await logvar.data());
    tf.dispose([mu, logvar]);
    const reconError = (await reconstructionErrors(model, one))[0];
    return {
      imagePath, modelDir, height, width, channels, pixels,
      reconstruction: reconstruct(model, one, [0]),
      mu: muValues,
      logvar: logvarValues,
      reconError,
      ...(await datasetContext(model, manifest.dataset.root, muValues, reconError)),
    };
  } finally {
    model.dispose();
  }
}

const CONTEXT_IMAGES = 2000;
const NEIGHBOURS = 6;

/** Where the image stands in the model's dataset: its anomaly percentile and its nearest neighbours in μ space. */
async function datasetContext(model: VaeModel, root: string, mu: number[], reconError: number): Promise<Pick<Encoding, 'percentile' | 'neighbours' | 'neighbourPixels'>> {
  const [h, w, c] = model.config.inputShape;
  const all = await loadDataset(root, { size: { width: w, height: h } }).catch(() => null);
  if (!all || all.channels !== c) return { percentile: null, neighbours: [], neighbourPixels: new Uint8Array(0) };
  const ds = subsetDataset(all, spreadIndices(all.count, CONTEXT_IMAGES));
  const errors = await reconstructionErrors(model, ds);
  const below = errors.reduce((n, e) => n + (e < reconError ? 1 : 0), 0);
  const d = mu.length;
  const dist = new Float64Array(ds.count);
  for (const [start, end] of batchRanges(ds.count, 500)) {
    const m = tf.tidy(() => model.encode(imagesToTensor(ds, Int32Array.from({ length: end - start }, (_, i) => start + i))).mu);
    const v = await m.data();
    m.dispose();
    for (let i = start; i < end; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (v[(i - start) * d + j] - mu[j]) ** 2;
      dist[i] = Math.sqrt(s);
    }
  }
  const nearest = Array.from(dist, (x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]).slice(0, NEIGHBOURS);
  const per = h * w * c;
  const neighbourPixels = new Uint8Array(nearest.length * per);
  nearest.forEach(([, i], k) => neighbourPixels.set(ds.images.subarray(i * per, (i + 1) * per), k * per));
  return {
    percentile: (100 * below) / Math.max(1, ds.count),
    neighbours: nearest.map(([x, i]) => ({ source: ds.sources[i], distance: x })),
    neighbourPixels,
  };
}
