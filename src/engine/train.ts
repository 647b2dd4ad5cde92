// The training loop: minibatch Adam on the β-weighted negative ELBO with KL warm-up, per-epoch metrics on
// train and validation, a hook at every epoch end (where callers write a checkpoint) and cooperative cancel.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../shared/dataset';
import { UserError } from '../shared/userError';
import { batchRanges, imagesToTensor } from './batches';
import { conditionFor } from './condition';
import { betaLoss, type ElboTerms } from './elbo';
import { activeUnitsOf, measureSplit, summarise } from './measure';
import { FusedVaeStep } from './fusedVaeStep';
import { createAdam, type StepOptimizer } from './optimizer';
import type { VaeModel } from './models/base';
import { Rng } from '../shared/rng';
import { klBeta } from './schedule';
import { hasMonteCarloKl, type EpochMetrics, type TrainConfig } from '../shared/types';

export interface TrainHooks {
  onBatch?(p: { epoch: number; batch: number; batches: number; loss: number }): void;
  /** Awaited before the next epoch starts: the place to write a checkpoint. */
  onEpochEnd?(m: EpochMetrics): Promise<void> | void;
  /** Polled between batches; true stops training and discards the unfinished epoch. */
  shouldStop?(): boolean;
}

export interface TrainResult {
  epochs: EpochMetrics[];
  status: 'completed' | 'cancelled';
  /** 'fused': the native MLP VAE step (fusedVaeStep.ts) ran every step; 'plain': tfjs ops (+ native sgemm/Adam). */
  step: 'fused' | 'plain';
}

/** Active units on the training split are measured on at most this many images per epoch (cost bound). */
const ACTIVE_UNITS_SAMPLE = 10_000;
/** Yield to the event loop every few batches so cancel messages and progress can get through. */
const YIELD_EVERY = 8;

export async function trainVae(
  model: VaeModel,
  data: { train: Dataset; validation: Dataset | null },
  cfg: TrainConfig,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  if (data.train.count === 0) throw new UserError('The training set is empty: there is nothing to train on.');
  const optimizer = createAdam(cfg.learningRate, 0.9, 0.999, 1e-8);
  // the fast path for the plain MLP VAE; null for every other model, which takes the tfjs path below
  const fused = FusedVaeStep.for(model, cfg.learningRate);
  const stepKind = fused ? 'fused' : 'plain';
  const rng = new Rng(cfg.seed ^ 0x5eed);
  // the closed-form KL sums over dimensions; a Monte Carlo one is summed as it is
  const monteCarlo = hasMonteCarloKl(model.config);
  const stepsPerEpoch = Math.ceil(data.train.count / cfg.batchSize);
  const epochs: EpochMetrics[] = [];
  let step = 0;
  try {
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const perm = rng.permutation(data.train.count);
      const d = model.config.latentDim;
      const klSum = new Float64Array(d);
      let reconSum = 0;
      let klTotal = 0;
      let betaSum = 0;
      let batch = 0;
      const started = performance.now();
      for (const [start, end] of batchRanges(data.train.count, cfg.batchSize)) {
        if (hooks.shouldStop?.()) return { epochs, status: 'cancelled', step: stepKind };
        const beta = klBeta(step, stepsPerEpoch, cfg);
        const { loss: lossValue, stats: s } = fused
          ? fused.step(data.train, perm.subarray(start, end), beta, cfg.freeBits, rng.nextSeed())
          : plainStep(model, data.train, perm.subarray(start, end), optimizer, rng, beta, cfg, step);
        if (!Number.isFinite(lossValue)) {
          throw new UserError(
            `Training diverged: the loss became ${lossValue} in epoch ${epoch}, batch ${batch + 1}. ` +
              `The last checkpoint is kept; try a lower learning rate (now ${cfg.learningRate}).`,
          );
        }
        reconSum += s[0];
        klTotal += s[1];
        for (let i = 0; i < d; i++) klSum[i] += s[i + 2];
        betaSum += beta;
        batch++;
        step++;
        hooks.onBatch?.({ epoch, batch, batches: stepsPerEpoch, loss: lossValue });
        if (batch % YIELD_EVERY === 0) await new Promise((r) => setTimeout(r, 0));
      }
      const seconds = (performance.now() - started) / 1000;
      // the metrics and the checkpoint read the model's variables
      fused?.writeBack();
      // Train metrics are running averages over the epoch's batches (weights move during the epoch).
      // epoch-end passes use the training batch size: tensors of the sizes training already allocates are reused
      // by the wasm heap's allocator, where other sizes fragmented it (it grew 19 → 23 MB over 20 epochs; now flat)
      const train = summarise(reconSum, klSum, data.train.count, await activeUnitsOf(model, data.train, ACTIVE_UNITS_SAMPLE, cfg.batchSize), monteCarlo ? klTotal : undefined);
      const validation =
        data.validation && data.validation.count > 0 ? await measureSplit(model, data.validation, cfg.batchSize, cfg.seed + epoch) : null;
      if (validation && !Number.isFinite(validation.negElbo)) {
        throw new UserError(`Training diverged: the validation −ELBO became ${validation.negElbo} in epoch ${epoch}.`);
      }
      const metrics: EpochMetrics = {
        epoch,
        beta: betaSum / Math.max(1, batch),
        train,
        validation,
        seconds,
        samplesPerSec: data.train.count / seconds,
        ...model.stepper?.endEpoch(data.train),
      };
      epochs.push(metrics);
      await hooks.onEpochEnd?.(metrics);
    }
    return { epochs, status: 'completed', step: stepKind };
  } finally {
    // a cancelled run keeps the weights of its last step, as the plain path does
    fused?.writeBack();
    optimizer.dispose();
  }
}

/** One step through tfjs ops and autodiff (every model): the loss and [Σ recon, Σ KL, Σ KL_d per dimension]. */
function plainStep(
  model: VaeModel,
  train: Dataset,
  indices: Int32Array,
  optimizer: StepOptimizer,
  rng: Rng,
  beta: number,
  cfg: TrainConfig,
  step: number,
): { loss: number; stats: ArrayLike<number> } {
  const x = imagesToTensor(train, indices);
  // a CVAE's one-hot labels for the batch; undefined for other models
  const y = conditionFor(model.config, train, indices);
  // a variant's own state beside the gradient (a VQ-VAE's codebook) starts from the first batch
  if (step === 0) model.stepper?.start(x, cfg.seed);
  let stats: tf.Tensor | null = null;
  const observe = (t: ElboTerms) => {
    // The unweighted terms ride along with the loss so metrics cost no second forward pass.
    // [Σ recon, Σ KL (Monte Carlo where it has no closed form), Σ KL_d per dimension]
    stats = tf.keep(tf.concat([tf.reshape(tf.sum(t.recon), [1]), tf.reshape(tf.sum(t.kl ?? t.klPerDim), [1]), tf.sum(t.klPerDim, 0)]));
    model.stepper?.observe(t);
  };
  const lossOf = (t: ElboTerms) => betaLoss(t, beta, cfg.freeBits);
  // a VAE-GAN routes its losses to its own optimisers (VaeModel.trainStep)
  const loss = model.trainStep
    ? model.trainStep(x, rng.nextSeed(), { learningRate: cfg.learningRate, lossOf, observe })
    : optimizer.minimize(() => {
        const t = model.lossTerms(x, rng.nextSeed(), y);
        observe(t);
        return lossOf(t);
      }, model.trainableVariables());
  model.stepper?.afterStep();
  const lossValue = loss.dataSync()[0];
  const s = (stats as tf.Tensor | null)!.dataSync();
  tf.dispose([loss, stats!, x]);
  y?.dispose();
  return { loss: lossValue, stats: s };
}
