// The image-quality half of the metrics: prior samples against as many data images, by sharpness (variance of the
// Laplacian) and by the Fréchet distance on the features of a small classifier trained on the labelled data
// (engine/metrics/featureClassifier.ts). With Inception features that distance would be FID; these are not, so it
// is never called FID.
import { batchRanges, imageSize } from '../engine/batches';
import { samplePriorMeans } from '../engine/generate';
import type { VaeModel } from '../engine/models/base';
import { FEATURE_CLASSIFIER, trainFeatureClassifier } from '../engine/metrics/featureClassifier';
import { frechetDistance } from '../engine/metrics/frechet';
import { sharpness } from '../engine/metrics/sharpness';
import type { Dataset } from '../shared/dataset';
import type { MetricsReport } from '../protocol/metrics';

/** Rows of the dataset as floats in [0, 1], n × H·W·C. */
export function unitPixels(ds: Dataset, indices: ArrayLike<number>): Float32Array {
  const p = imageSize(ds);
  const out = new Float32Array(indices.length * p);
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r] * p;
    for (let j = 0; j < p; j++) out[r * p + j] = ds.images[from + j] / 255;
  }
  return out;
}

/** n prior samples (decoded means, [0, 1]), in batches so a large model's decoder output stays small. */
export function priorSamples(model: VaeModel, n: number, seed: number): Float32Array {
  const p = model.config.inputShape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n * p);
  for (const [start, end] of batchRanges(n, 250)) {
    out.set(samplePriorMeans(model, end - start, seed + start), start * p);
  }
  return out;
}

export function sharpnessOf(ds: Dataset, data: Float32Array, samples: Float32Array, n: number): MetricsReport['sharpness'] {
  return { samples: sharpness(samples, n, ds.height, ds.width, ds.channels), data: sharpness(data, n, ds.height, ds.width, ds.channels), nImages: n };
}

/**
 * The classifier on the labelled images `train` (indices into ds), then the Fréchet distance between the features
 * of the samples and of the data images. Null when `stop` asked to stop during training.
 */
export async function frechetOf(
  ds: Dataset & { labels: Int32Array },
  train: ArrayLike<number>,
  data: Float32Array,
  samples: Float32Array,
  n: number,
  seed: number,
  onEpoch: (epoch: number, epochs: number) => boolean,
): Promise<MetricsReport['frechet']> {
  const p = imageSize(ds);
  const labels = Int32Array.from(train, (i) => ds.labels[i]);
  const classifier = await trainFeatureClassifier({ x: unitPixels(ds, train), labels, n: train.length, p, k: ds.labelNames.length }, seed, onEpoch);
  if (!classifier) return null;
  try {
    const fa = classifier.features(samples, n);
    const fb = classifier.features(data, n);
    const d = FEATURE_CLASSIFIER.features;
    return {
      distance: frechetDistance(fa, n, fb, n, d),
      featureDim: d,
      classifierTestAccuracy: classifier.testAccuracy,
      classifierTrain: classifier.nTrain,
      classifierTest: classifier.nTest,
      epochs: FEATURE_CLASSIFIER.epochs,
      nImages: n,
    };
  } finally {
    classifier.dispose();
  }
}
