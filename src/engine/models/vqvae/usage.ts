// A VQ-VAE's codebook use over a dataset (eval, the panel's figures): every cell's code counted, the perplexity of
// the code frequencies and the commitment term ‖z_e − sg[e]‖² per image.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../../shared/dataset';
import type { CodebookStats } from '../../../shared/types';
import { batchRanges, imagesToTensor } from '../../batches';
import { usageOf } from './codebookState';
import { quantise, vqLossTerms } from './quantize';
import type { VqVae } from './vqvae';

export async function codebookUsage(model: VqVae, ds: Dataset, batchSize = 500): Promise<CodebookStats> {
  const counts = new Float64Array(model.codebookSize);
  let commitment = 0;
  for (const [start, end] of batchRanges(ds.count, batchSize)) {
    const idx = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const [codes, c] = tf.tidy(() => {
      const ze = model.encodeRows(imagesToTensor(ds, idx));
      const q = quantise(ze, model.codebook as tf.Tensor2D);
      return [q.codes, tf.sum(vqLossTerms(ze, q.zq, model.cells).commitment)];
    });
    for (const k of await codes.data()) counts[k]++;
    commitment += (await c.data())[0];
    tf.dispose([codes, c]);
  }
  return { ...usageOf(counts), counts: Array.from(counts), commitment: commitment / Math.max(1, ds.count) };
}

/**
 * The code grid of every image of a dataset, [count·cells] (int32), image after image in raster order; null when
 * `shouldStop` says so between batches (it yields to the event loop after each, so that a cancel can arrive).
 */
export async function codeGridsOf(model: VqVae, ds: Dataset, batchSize?: number): Promise<Int32Array>;
export async function codeGridsOf(model: VqVae, ds: Dataset, batchSize: number, shouldStop: () => boolean): Promise<Int32Array | null>;
export async function codeGridsOf(model: VqVae, ds: Dataset, batchSize = 500, shouldStop?: () => boolean): Promise<Int32Array | null> {
  const out = new Int32Array(ds.count * model.cells);
  for (const [start, end] of batchRanges(ds.count, batchSize)) {
    if (shouldStop?.()) return null;
    const idx = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const codes = tf.tidy(() => model.codesOf(imagesToTensor(ds, idx)));
    out.set(await codes.data(), start * model.cells);
    codes.dispose();
    if (shouldStop) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}
