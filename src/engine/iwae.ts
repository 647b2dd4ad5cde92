// The importance-weighted bound (Burda et al. 2016):
// log p(x) ≥ L_k = E[log (1/k) Σ_i p(x|z_i) p(z_i) / q(z_i|x)], z_i ~ q(z|x); L_1 = ELBO and L_k ↑ log p(x).
// Computed in chunks over images and over k with a streaming log-sum-exp, so k = 5000 fits in memory.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../shared/dataset';
import { batchRanges, imagesToTensor } from './batches';
import { conditionFor } from './condition';
import { tilePosterior, type Posterior, type VaeModel } from './models/base';
import { Rng } from '../shared/rng';

/** Rows decoded at once (images × samples): bounds memory at ~rows × input size floats. */
const ROWS_PER_CHUNK = 4096;

/** Per-image L_k estimates (nats) for images `indices` of the dataset. */
export async function iwaeLogLikelihoods(model: VaeModel, ds: Dataset, k: number, seed: number, imageBatch = 64): Promise<Float64Array> {
  // a model may bound the rows one pass scores below the default (VaeModel.maxScoredRows); a chunk holds at least
  // one sample of each of its images, so no more images than rows
  const rows = Math.min(ROWS_PER_CHUNK, model.maxScoredRows ?? ROWS_PER_CHUNK);
  const rng = new Rng(seed);
  const out = new Float64Array(ds.count);
  for (const [start, end] of batchRanges(ds.count, Math.max(1, Math.min(imageBatch, rows)))) {
    const b = end - start;
    const idx = Int32Array.from({ length: b }, (_, i) => start + i);
    const x = imagesToTensor(ds, idx);
    const y = conditionFor(model.config, ds, idx);
    const posterior = model.encode(x, y);
    const maxW = new Float64Array(b).fill(-Infinity);
    const sumW = new Float64Array(b);
    const kChunk = Math.max(1, Math.floor(rows / b));
    for (let done = 0; done < k; done += kChunk) {
      const kc = Math.min(kChunk, k - done);
      const logW = tf.tidy(() => logImportanceWeights(model, x, posterior, kc, rng.nextSeed(), y));
      accumulateLogSumExp(await logW.data(), kc, b, maxW, sumW);
      logW.dispose();
    }
    for (let i = 0; i < b; i++) out[start + i] = maxW[i] + Math.log(sumW[i]) - Math.log(k);
    tf.dispose([x, posterior.mu, posterior.logvar, ...(posterior.flow ? [posterior.flow] : [])]);
    y?.dispose();
  }
  return out;
}

/** log w = log p(x|z) + log p(z) − log q(z|x) for kc samples per image: [kc, B], row-major. */
function logImportanceWeights(model: VaeModel, x: tf.Tensor2D, posterior: Posterior, kc: number, seed: number, y?: tf.Tensor2D): tf.Tensor {
  // the model scores its own samples: the Gaussian and N(0, I), or a flow's log-det and a learned prior
  const s = model.sampleLatent(tilePosterior(posterior, kc), seed);
  // a CVAE's bound is on log p(x|y): each sample decodes under its image's label
  const out = model.decodeRaw(s.z, y && (tf.tile(y, [kc, 1]) as tf.Tensor2D));
  const ll = model.logLikelihood(tf.tile(x, [kc, 1]) as tf.Tensor2D, out);
  return tf.sub(tf.add(ll, s.logP), s.logQ);
}

/** Folds a [kc, B] block of log-weights into running (max, Σ exp(w − max)) per image. */
function accumulateLogSumExp(logW: ArrayLike<number>, kc: number, b: number, maxW: Float64Array, sumW: Float64Array): void {
  for (let i = 0; i < b; i++) {
    let m = maxW[i];
    for (let s = 0; s < kc; s++) m = Math.max(m, logW[s * b + i]);
    let acc = sumW[i] * Math.exp(maxW[i] - m);
    if (!Number.isFinite(acc)) acc = 0;
    for (let s = 0; s < kc; s++) acc += Math.exp(logW[s * b + i] - m);
    maxW[i] = m;
    sumW[i] = acc;
  }
}
