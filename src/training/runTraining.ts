// The whole headless training job, shared by the CLI and the extension's worker: load and split the dataset,
// build the model, train with a checkpoint at every epoch end, and leave the manifest's status truthful.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../data/loadDataset';
import { splitDataset } from '../data/split';
import type { LoadReport, Split } from '../data/types';
import type { TrainingJob, TrainingOutcome } from '../protocol/trainingJob';

export type { TrainingJob, TrainingOutcome } from '../protocol/trainingJob';
import type { VaeModel } from '../engine/models/base';
import { createModel } from '../engine/models/registry';
import { trainVae } from '../engine/train';
import type { VqVae } from '../engine/models/vqvae/vqvae';
import { fitVqPrior } from './fitVqPrior';
import type { Dataset } from '../shared/dataset';
import { validateConfig, vqLatentDim } from '../shared/architecture';
import { DEFAULT_CODE_PRIOR } from '../shared/codePrior';
import { DEFAULT_CONV_HIDDEN, DEFAULT_FLOW_STEPS, DEFAULT_IWAE_K, DEFAULT_MODEL, DEFAULT_PRIOR_COMPONENTS, DEFAULT_VAEGAN, DEFAULT_VQ, flowKind, modelVariant, priorKind, type CodePriorFit, type EpochMetrics, type ModelConfig } from '../shared/types';
import { datasetInfo } from '../store/datasetInfo';
import { MANIFEST_FILE, type ManifestInput } from '../store/manifest';
import { saveCheckpoint, setStatus } from '../store/modelStore';
import { UserError } from '../shared/userError';
import { JOB_NAMES, readRunSettings } from '../shared/trainConfig';

export interface TrainingEvents {
  onLoaded?(report: LoadReport, split: Split, model: VaeModel): void;
  onBatch?(p: { epoch: number; batch: number; batches: number; loss: number }): void;
  /** After the epoch's checkpoint is on disk. */
  onEpoch?(m: EpochMetrics, ctx: { split: Split; model: VaeModel }): void | Promise<void>;
  shouldStop?(): boolean;
  onLoadProgress?(done: number, total: number): void;
  /** A VQ-VAE's autoregressive prior (the run's last phase): its fit begins, after the last epoch's checkpoint. */
  onCodePriorStart?(p: { epochs: number }): void;
  /** … and after each of its epochs, with the mean training −log p(c) per grid. */
  onCodePriorEpoch?(p: { epoch: number; epochs: number; trainNll: number }): void;
  /** After the prior is fitted and saved with the model. */
  onCodePrior?(fit: CodePriorFit): void;
}

export async function runTraining(job: TrainingJob, events: TrainingEvents = {}): Promise<TrainingOutcome> {
  // a job from any source (settings, flags, a remedy, a hand-written message) is checked before a file is written:
  // an out-of-range value would otherwise train and leave checkpoints that the manifest reader refuses to open
  readRunSettings({ ...job.model, ...job.train, validationFraction: job.validationFraction }, JOB_NAMES);
  refuseToClobber(job.modelDir, job.overwrite ?? false);
  const all = await loadDataset(job.datasetPath, { ...job.load, onProgress: events.onLoadProgress });
  const split = splitDataset(all, job.validationFraction, job.train.seed);
  const config = modelConfigFor(job, all);
  // a VQ-VAE's prior over code grids is fitted after its epochs: until then the model (and its checkpoints) has none
  const arPrior = modelVariant(config) === 'vqvae' && (job.model.codePrior ?? 'ar') === 'ar';
  // …but a prior too large for its grid (cells × K × H) is refused now, not after the epochs have run
  if (arPrior) validateConfig({ ...config, codePrior: 'ar', codePriorHidden: job.model.codePriorHidden, codePriorEpochs: job.model.codePriorEpochs });
  let model = createModel(config, job.train.seed);
  const info: ManifestInput = {
    status: 'training',
    model: config,
    training: job.train,
    dataset: datasetInfo(job.datasetPath, all, split),
    epochs: [],
    evaluation: null,
  };
  events.onLoaded?.(all.report, split, model);
  let saved = 0;
  try {
    const result = await trainVae(model, { train: split.train, validation: split.validation.count ? split.validation : null }, job.train, {
      onBatch: events.onBatch,
      shouldStop: events.shouldStop,
      onEpochEnd: async (m) => {
        info.epochs.push(m);
        info.status = m.epoch === job.train.epochs ? 'completed' : 'training';
        await saveCheckpoint(job.modelDir, info, model);
        saved++;
        await events.onEpoch?.(m, { split, model });
      },
    });
    // A cancelled run keeps the last epoch's weights untouched: only the status changes.
    if (result.status === 'cancelled' && saved > 0) await setStatus(job.modelDir, 'cancelled');
    let codePrior: TrainingOutcome['codePrior'];
    if (result.status === 'completed' && arPrior) {
      const { codePriorHidden: hidden, codePriorEpochs: epochs = DEFAULT_CODE_PRIOR.epochs } = job.model;
      events.onCodePriorStart?.({ epochs });
      const fitted = await fitVqPrior(model as VqVae, split, { hidden, epochs, seed: job.train.seed, onEpoch: events.onCodePriorEpoch, shouldStop: events.shouldStop });
      // stopped during the prior's fit: the completed VQ-VAE stays as saved (its last checkpoint, untouched),
      // with the uniform prior; the outcome says so, so that nobody takes its samples for the prior's
      if (fitted) {
        model.dispose();
        model = fitted.model;
        Object.assign(info, { model: model.config, codePrior: fitted.fit });
        await saveCheckpoint(job.modelDir, info, model);
        events.onCodePrior?.(fitted.fit);
      }
      codePrior = fitted ? 'fitted' : 'cancelled';
    }
    return {
      modelDir: job.modelDir, status: result.status, model: model.config, epochs: result.epochs, report: all.report, nTrain: split.train.count, nValidation: split.validation.count, step: result.step,
      ...(codePrior ? { codePrior } : {}),
    };
  } catch (err) {
    if (saved > 0) await setStatus(job.modelDir, 'failed').catch(() => undefined);
    throw err;
  } finally {
    model.dispose();
  }
}

/** The model's configuration: the job's choices, the data's shape and, for a conditional VAE, the data's labels. */
function modelConfigFor(job: TrainingJob, all: Dataset): ModelConfig {
  // the manifest names its network; a conv network's dense layers default to the reference conv VAE's [256]
  const defaults: Omit<ModelConfig, 'inputShape'> = job.model.net === 'conv' ? { ...DEFAULT_MODEL, net: 'conv', hidden: [...DEFAULT_CONV_HIDDEN] } : { ...DEFAULT_MODEL, net: 'mlp' };
  const config: ModelConfig = { ...defaults, ...job.model, kind: 'mlp-vae', inputShape: [all.height, all.width, all.channels] };
  const variant = modelVariant(config);
  if (variant === 'cvae') {
    if (!all.labels || all.labelNames.length < 2) {
      throw new UserError(
        `${job.datasetPath} has ${all.labels ? 'only one label' : 'no labels'}: a conditional VAE (model cvae) needs at least two, ` +
          'from one subfolder per class (or an IDX label file). Put the images in class subfolders, or train a plain VAE.',
      );
    }
    config.labels = [...all.labelNames];
  } else {
    delete config.labels;
  }
  if (variant === 'iwae') config.iwaeK ??= DEFAULT_IWAE_K;
  else delete config.iwaeK;
  if (variant === 'vqvae') {
    // the conv encoder up to its grid, no dense layers; the latent is the quantised grid (cells × D)
    Object.assign(config, { net: 'conv', hidden: [], ...DEFAULT_VQ, ...pickDefined(job.model, ['codebookSize', 'codeDim', 'commitment']) });
    config.latentDim = vqLatentDim(config.inputShape, config.codeDim!);
    config.ema = job.model.ema ?? false;
    if (job.model.codePrior === 'uniform') config.codePrior = 'uniform';
    else delete config.codePrior;
    delete config.codePriorHidden;
    delete config.codePriorEpochs;
  } else {
    for (const f of ['codebookSize', 'codeDim', 'commitment', 'ema', 'codePrior', 'codePriorHidden', 'codePriorEpochs'] as const) delete config[f];
  }
  if (variant === 'vaegan') {
    // the conv VAE's networks (its dense layers as chosen, [256] by default) and a conv discriminator
    if (job.model.net !== 'conv') Object.assign(config, { net: 'conv', hidden: job.model.hidden ?? [...DEFAULT_CONV_HIDDEN] });
    config.gamma = job.model.gamma ?? DEFAULT_VAEGAN.gamma;
  } else delete config.gamma;
  fillPriorAndFlow(config);
  // the mirror decoder is the default and goes unnamed, as in manifests written before the PixelCNN
  if (config.decoder === 'mirror') delete config.decoder;
  return config;
}

function pickDefined<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** A mog/vamp prior's K and a flow's N default by kind; the standard prior and no flow carry neither. */
function fillPriorAndFlow(config: ModelConfig): void {
  const prior = priorKind(config);
  if (prior === 'standard') {
    delete config.prior;
    delete config.priorComponents;
  } else config.priorComponents ??= DEFAULT_PRIOR_COMPONENTS[prior];
  const flow = flowKind(config);
  if (flow === 'none') {
    delete config.flow;
    delete config.flowSteps;
  } else config.flowSteps ??= DEFAULT_FLOW_STEPS[flow];
}

function refuseToClobber(dir: string, overwrite: boolean): void {
  if (!existsSync(dir)) return;
  if (existsSync(join(dir, MANIFEST_FILE))) {
    if (overwrite) return;
    throw new UserError(`${dir} already holds a model. Choose another output folder, or pass --overwrite to replace it.`);
  }
  const visible = readdirSync(dir).filter((n) => !n.startsWith('.'));
  if (visible.length > 0) throw new UserError(`${dir} is not empty and holds no model: choose an empty or new output folder.`);
}
