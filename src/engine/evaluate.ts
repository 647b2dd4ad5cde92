// Evaluation of a trained model on a dataset: the single-sample ELBO terms, diagnostics, and −log p(x)
// estimated with the importance-weighted bound.
import type { Dataset } from '../shared/dataset';
import { iwaeLogLikelihoods } from './iwae';
import { measureSplit } from './measure';
import type { VaeModel } from './models/base';
import { codebookUsage } from './models/vqvae/usage';
import { VqVae } from './models/vqvae/vqvae';
import type { EvalMetrics } from '../shared/types';

export interface EvaluateOptions {
  /** Importance samples per image; 0 skips the IWAE estimate. Default 100. */
  iwaeK?: number;
  batchSize?: number;
  seed?: number;
}

export async function evaluate(model: VaeModel, ds: Dataset, opts: EvaluateOptions = {}): Promise<EvalMetrics> {
  // a VQ-VAE has no Gaussian posterior to importance-sample: its bound is the one measureSplit reports
  // (reconstruction + cells · log K under a uniform prior over codes), and its codebook use is measured instead
  const vq = model instanceof VqVae ? model : null;
  const k = vq ? 0 : (opts.iwaeK ?? 100);
  const seed = opts.seed ?? 1;
  const split = await measureSplit(model, ds, opts.batchSize ?? 500, seed);
  let iwaeNll: number | null = null;
  if (k > 0) {
    const ll = await iwaeLogLikelihoods(model, ds, k, seed + 1);
    let sum = 0;
    for (const v of ll) sum += v;
    iwaeNll = -sum / Math.max(1, ll.length);
  }
  const codebook = vq ? { codebook: await codebookUsage(vq, ds, opts.batchSize ?? 500) } : {};
  return { ...split, nImages: ds.count, iwaeNll, iwaeK: k > 0 ? k : null, ...codebook };
}
