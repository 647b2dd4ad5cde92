// Anomaly scores: an image the model reconstructs badly is unlike what it learned. The score is the
// reconstruction term at the posterior mean, −log p(x | z = μ(x)), in nats: deterministic, so rankings are stable.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../shared/dataset';
import { batchRanges, imagesToTensor } from './batches';
import { conditionFor } from './condition';
import type { VaeModel } from './models/base';

export async function reconstructionErrors(model: VaeModel, ds: Dataset, batchSize = 500): Promise<Float64Array> {
  const out = new Float64Array(ds.count);
  for (const [start, end] of batchRanges(ds.count, batchSize)) {
    const idx = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const nll = tf.tidy(() => {
      const x = imagesToTensor(ds, idx);
      const y = conditionFor(model.config, ds, idx);
      return tf.neg(model.logLikelihood(x, model.decodeRaw(model.encode(x, y).mu, y)));
    });
    out.set(await nll.data(), start);
    nll.dispose();
  }
  return out;
}

/** Indices of the `n` highest scores, highest first. */
export function worstFirst(scores: ArrayLike<number>, n: number): number[] {
  return Array.from(scores, (s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, n)
    .map(([, i]) => i);
}
