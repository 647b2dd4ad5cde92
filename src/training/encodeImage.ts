// One image through a loaded model, for Encode Image: q(z|x), the reconstruction from μ, the anomaly score, and
// where the image stands among the model's dataset.
import * as tf from '@tensorflow/tfjs-core';
import { prepareImageFile } from '../data/prepareImage';
import { subsetDataset } from '../data/split';
import type { VaeModel } from '../engine/models/base';
import { posteriorMeans } from '../engine/posteriorMeans';
import { spreadIndices } from '../shared/spread';
import type { Dataset } from '../shared/dataset';
import { reconstructionErrors } from '../engine/anomaly';
import { isConditional, labelTensor } from '../engine/condition';
import { labelPosterior } from '../engine/labelPosterior';
import { reconstruct } from '../engine/generate';
import type { Encoding } from '../protocol/encoding';

/**
 * A spread of the model's dataset with each image's anomaly score and μ: what Encode Image compares an image
 * with. Computed once per model in the job process (src/worker/modelCache.ts), not once per image.
 */
export interface DatasetCodes {
  ds: Dataset;
  errors: Float64Array;
  /** ds.count × latentDim, row-major. */
  mus: Float32Array;
}

const CONTEXT_IMAGES = 2000;
const NEIGHBOURS = 6;

export async function datasetCodes(model: VaeModel, all: Dataset): Promise<DatasetCodes> {
  const ds = subsetDataset(all, spreadIndices(all.count, CONTEXT_IMAGES));
  const mus = await posteriorMeans(model, ds);
  return { ds, errors: await reconstructionErrors(model, ds), mus };
}

/** `imagePath` through `model` (saved in `modelDir`); `codes` places it in the dataset, null when the data is gone. */
export async function encodeImageFile(model: VaeModel, modelDir: string, imagePath: string, codes: DatasetCodes | null): Promise<Encoding> {
  const [height, width, c] = model.config.inputShape;
  const channels = c as 1 | 3;
  const pixels = await prepareImageFile(imagePath, { height, width, channels });
  const x = tf.tidy(() => tf.div(tf.tensor2d(pixels, [1, pixels.length], 'float32'), 255) as tf.Tensor2D);
  // a conditional model encodes and reconstructs under the label it finds most likely for this file
  const inferred = isConditional(model.config) ? await labelPosterior(model, x) : null;
  const labelNames = model.config.labels ?? [];
  const one: Dataset = {
    images: pixels, count: 1, height, width, channels, labels: inferred ? Int32Array.of(inferred.best) : null, labelNames: inferred ? labelNames : [], sources: [imagePath],
    report: { root: imagePath, loaded: 1, skipped: [], resized: 0, channelConverted: 0 },
  };
  const y = inferred ? labelTensor(model.config, [inferred.best]) : undefined;
  const { mu, logvar } = model.encode(x, y);
  const muValues = Array.from(await mu.data());
  const logvarValues = Array.from(await logvar.data());
  tf.dispose([x, y, mu, logvar]);
  const reconError = (await reconstructionErrors(model, one))[0];
  return {
    imagePath, modelDir, height, width, channels, pixels,
    reconstruction: reconstruct(model, one, [0]),
    mu: muValues,
    logvar: logvarValues,
    reconError,
    ...(inferred ? { label: { name: labelNames[inferred.best], probability: inferred.probabilities[inferred.best] } } : {}),
    ...(codes ? datasetContext(codes, muValues, reconError) : { percentile: null, neighbours: [], neighbourPixels: new Uint8Array(0) }),
  };
}

/** Where the image stands in the model's dataset: its anomaly percentile and its nearest neighbours in μ space. */
function datasetContext({ ds, errors, mus }: DatasetCodes, mu: number[], reconError: number): Pick<Encoding, 'percentile' | 'neighbours' | 'neighbourPixels'> {
  const below = errors.reduce((n, e) => n + (e < reconError ? 1 : 0), 0);
  const d = mu.length;
  const dist = new Float64Array(ds.count);
  for (let i = 0; i < ds.count; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (mus[i * d + j] - mu[j]) ** 2;
    dist[i] = Math.sqrt(s);
  }
  const nearest = Array.from(dist, (x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]).slice(0, NEIGHBOURS);
  const per = ds.height * ds.width * ds.channels;
  const neighbourPixels = new Uint8Array(nearest.length * per);
  nearest.forEach(([, i], k) => neighbourPixels.set(ds.images.subarray(i * per, (i + 1) * per), k * per));
  return {
    percentile: (100 * below) / Math.max(1, ds.count),
    neighbours: nearest.map(([x, i]) => ({ source: ds.sources[i], distance: x })),
    neighbourPixels,
  };
}
