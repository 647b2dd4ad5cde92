// The last phase of a VQ-VAE's training run: the trained encoder's code grids of the training split, an
// autoregressive prior fitted to them (engine/models/vqvae/codePrior.ts), its held-out −log p(c) next to the
// unigram's and the uniform prior's, and the model rebuilt with the prior's weights and `codePrior: 'ar'`, which
// is what the run saves. Held out: the validation split, or the training split itself when there is none (said so).
import type { VaeModel } from '../engine/models/base';
import { meanNll, trainCodePrior, unigramLogFrequencies, unigramNll } from '../engine/models/vqvae/codePrior';
import { codeGridsOf } from '../engine/models/vqvae/usage';
import type { VqVae } from '../engine/models/vqvae/vqvae';
import { modelFromWeights } from '../engine/models/registry';
import { CODE_PRIOR_WEIGHTS, DEFAULT_CODE_PRIOR, uniformGridNll } from '../shared/codePrior';
import type { Split } from '../shared/dataset';
import type { CodePriorFit } from '../shared/types';

export interface VqPriorOptions {
  hidden?: number;
  epochs?: number;
  seed: number;
  /** Adam's step size and batch (defaults 1e-3, 128). */
  learningRate?: number;
  batchSize?: number;
  onEpoch?(p: { epoch: number; epochs: number; trainNll: number }): void;
  shouldStop?(): boolean;
}

/** Images encoded to code grids per batch. */
const GRID_BATCH = 500;

/** Fits the prior; null when stopped before its last batch (the model then keeps the uniform prior). */
export async function fitVqPrior(model: VqVae, split: Split, o: VqPriorOptions): Promise<{ model: VaeModel; fit: CodePriorFit } | null> {
  const started = performance.now();
  const hidden = o.hidden ?? DEFAULT_CODE_PRIOR.hidden;
  const epochs = o.epochs ?? DEFAULT_CODE_PRIOR.epochs;
  const { cells, codebookSize: k } = model;
  // encoding every training image takes a while on a large set: a cancel is heard between its batches too
  const stop = () => o.shouldStop?.() ?? false;
  const train = await codeGridsOf(model, split.train, GRID_BATCH, stop);
  const heldOut = split.validation.count > 0;
  const test = heldOut ? await codeGridsOf(model, split.validation, GRID_BATCH, stop) : train;
  if (!train || !test) return null;
  // a stop is heard before every batch (trainCodePrior yields to the event loop so that the request can arrive);
  // one that comes after the last batch is too late to matter: the prior is whole and is kept
  let stopped = false;
  const net = await trainCodePrior(train, cells, k, {
    hidden,
    epochs,
    batchSize: o.batchSize ?? 128,
    learningRate: o.learningRate ?? 1e-3,
    seed: o.seed,
    onEpoch: (epoch, trainNll) => void o.onEpoch?.({ epoch, epochs, trainNll }),
    shouldStop: () => (stopped ||= o.shouldStop?.() ?? false),
  });
  try {
    if (stopped) return null;
    const fit: CodePriorFit = {
      epochs,
      trainGrids: train.length / cells,
      testGrids: test.length / cells,
      testSplit: heldOut ? 'validation' : 'train',
      arNll: meanNll(net, test),
      unigramNll: unigramNll(unigramLogFrequencies(train, k), test, cells),
      uniformNll: uniformGridNll(cells, k),
      seconds: (performance.now() - started) / 1000,
    };
    const w = net.weights();
    const weights = model.weightValues();
    weights.set(CODE_PRIOR_WEIGHTS.inKernel, w.inKernel);
    weights.set(CODE_PRIOR_WEIGHTS.inBias, w.inBias);
    weights.set(CODE_PRIOR_WEIGHTS.outKernel, w.outKernel);
    weights.set(CODE_PRIOR_WEIGHTS.outBias, w.outBias);
    const config = { ...model.config, codePrior: 'ar' as const, codePriorHidden: hidden, codePriorEpochs: epochs };
    return { model: modelFromWeights(config, weights), fit };
  } finally {
    net.dispose();
  }
}
