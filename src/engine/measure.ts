// One forward pass over a dataset (one z per image): the averages of −ELBO, its two terms, KL per dimension,
// and the active units. Used for validation every epoch and by evaluate().
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../shared/dataset';
import { batchRanges, imagesToTensor } from './batches';
import { conditionFor } from './condition';
import { activeUnits, MomentAccumulator } from './diagnostics';
import type { VaeModel } from './models/base';
import { Rng } from '../shared/rng';
import { hasMonteCarloKl, type SplitMetrics } from '../shared/types';

export async function measureSplit(model: VaeModel, ds: Dataset, batchSize: number, seed: number): Promise<SplitMetrics> {
  const d = model.config.latentDim;
  const rng = new Rng(seed);
  const moments = new MomentAccumulator(d);
  const klSum = new Float64Array(d);
  let reconSum = 0;
  let klTotal = 0;
  for (const [start, end] of batchRanges(ds.count, batchSize)) {
    const idx = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const [recon, total, kl, mu] = tf.tidy(() => {
      const x = imagesToTensor(ds, idx);
      const t = model.lossTerms(x, rng.nextSeed(), conditionFor(model.config, ds, idx));
      return [tf.sum(t.recon), tf.sum(t.kl ?? t.klPerDim), tf.sum(t.klPerDim, 0), t.mu];
    });
    reconSum += (await recon.data())[0];
    klTotal += (await total.data())[0];
    const klv = await kl.data();
    for (let i = 0; i < d; i++) klSum[i] += klv[i];
    moments.add(await mu.data(), end - start);
    tf.dispose([recon, total, kl, mu]);
  }
  return summarise(reconSum, klSum, ds.count, activeUnits(moments.variance()), hasMonteCarloKl(model.config) ? klTotal : undefined);
}

/**
 * Averages per image from sums; −ELBO = recon + KL, KL = `klTotal` / n when given (a Monte Carlo KL, which the
 * per-dimension closed forms do not sum to), else Σ_d KL_d.
 */
export function summarise(reconSum: number, klSum: Float64Array, n: number, active: number, klTotal?: number): SplitMetrics {
  const klPerDim = Array.from(klSum, (v) => v / Math.max(1, n));
  const kl = klTotal === undefined ? klPerDim.reduce((a, b) => a + b, 0) : klTotal / Math.max(1, n);
  const recon = reconSum / Math.max(1, n);
  return { negElbo: recon + kl, recon, kl, klPerDim, activeUnits: active };
}

/** Active units from an encode pass over at most `limit` images (μ only, no sampling). */
export async function activeUnitsOf(model: VaeModel, ds: Dataset, limit: number, batchSize = 1000): Promise<number> {
  const moments = new MomentAccumulator(model.config.latentDim);
  const n = Math.min(ds.count, limit);
  for (const [start, end] of batchRanges(n, batchSize)) {
    const idx = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const mu = tf.tidy(() => model.encode(imagesToTensor(ds, idx), conditionFor(model.config, ds, idx)).mu);
    moments.add(await mu.data(), end - start);
    mu.dispose();
  }
  return activeUnits(moments.variance());
}
