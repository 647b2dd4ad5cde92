// What the panel and the side view are told about a model: its summary, its epochs, where its weights are.
// The model and training configurations belong to the engine and are validated where a manifest is read; the
// page checks here only the fields it draws from, so a new model variant's extra fields pass through.
import type { CodePriorFit, EpochMetrics, EvalMetrics, ModelConfig, TrainConfig } from '../shared/types';
import { MAX_LATENTS, MAX_SIDE } from './images';
import { s, type Infer, type Schema } from './schema';

export const modelStatus = s.oneOf('training', 'completed', 'cancelled', 'failed');

const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/** The model's description: an object with a kind, a [h, w, c] input shape and a latent size the page can use. */
export const modelConfig: Schema<ModelConfig> = s.refine(s.unchecked<ModelConfig>(), (m: unknown) => {
  if (!isRecord(m)) return 'model must be an object';
  if (typeof m.kind !== 'string') return 'model.kind must be a string';
  const shape = m.inputShape;
  if (!Array.isArray(shape) || shape.length !== 3 || !isInt(shape[0], 1, MAX_SIDE) || !isInt(shape[1], 1, MAX_SIDE) || (shape[2] !== 1 && shape[2] !== 3)) return 'model.inputShape must be [height, width, 1 or 3]';
  return isInt(m.latentDim, 1, MAX_LATENTS) ? null : `model.latentDim must be an integer from 1 to ${MAX_LATENTS}`;
});

/** The training settings the panel shows: finite numbers where it prints them. */
export const trainConfig: Schema<TrainConfig> = s.refine(s.unchecked<TrainConfig>(), (t: unknown) => {
  if (!isRecord(t)) return 'training must be an object';
  for (const k of ['epochs', 'batchSize', 'learningRate', 'beta', 'warmupEpochs'] as const) if (typeof t[k] !== 'number' || !Number.isFinite(t[k])) return `training.${k} must be a finite number`;
  return t.freeBits === undefined || (typeof t.freeBits === 'number' && Number.isFinite(t.freeBits)) ? null : 'training.freeBits must be a finite number';
});

const evaluationFields = {
  negElbo: s.number(),
  recon: s.number(),
  kl: s.number(),
  klPerDim: s.array(s.number(), MAX_LATENTS),
  activeUnits: s.number({ integer: true, min: 0, max: MAX_LATENTS }),
};
const splitMetrics = s.object(evaluationFields);
const evaluationSummary = s.object({ ...evaluationFields, nImages: s.number({ integer: true, min: 0 }), iwaeK: s.nullable(s.number({ integer: true, min: 1 })) });

/** A VQ-VAE's codebook use over an epoch (shared/types CodebookStats); at most 4096 codes. */
export const codebookStats = s.object({
  perplexity: s.number({ min: 0 }),
  used: s.number({ integer: true, min: 0, max: 4096 }),
  counts: s.array(s.number({ min: 0 }), 4096),
  restarted: s.optional(s.number({ integer: true, min: 0 })),
  commitment: s.optional(s.number({ min: 0 })),
});

/** A VAE-GAN's losses and sharpness over an epoch (shared/types GanStats). */
export const ganStats = s.object({
  discriminator: s.number(),
  generator: s.number(),
  featureMatching: s.number(),
  realScore: s.number({ min: 0, max: 1 }),
  fakeScore: s.number({ min: 0, max: 1 }),
  sharpness: s.optional(s.object({ samples: s.number({ min: 0 }), reconstructions: s.number({ min: 0 }), data: s.number({ min: 0 }), nImages: s.number({ integer: true, min: 0 }) })),
});

export const epochMetrics: Schema<EpochMetrics> = s.object({
  epoch: s.number({ integer: true, min: 1 }),
  beta: s.number({ min: 0 }),
  train: splitMetrics,
  validation: s.nullable(splitMetrics),
  seconds: s.number({ min: 0 }),
  samplesPerSec: s.number({ min: 0 }),
  codebook: s.optional(codebookStats),
  gan: s.optional(ganStats),
});

export const MAX_EPOCHS = 100_000;

/** A VQ-VAE's fitted autoregressive prior (shared/types CodePriorFit): −log p(c) per grid, held out, and its baselines. */
export const codePriorFit = s.object({
  epochs: s.number({ integer: true, min: 0 }),
  trainGrids: s.number({ integer: true, min: 0 }),
  testGrids: s.number({ integer: true, min: 0 }),
  testSplit: s.oneOf('validation', 'train'),
  arNll: s.number({ min: 0 }),
  unigramNll: s.number({ min: 0 }),
  uniformNll: s.number({ min: 0 }),
  seconds: s.number({ min: 0 }),
});

const onnxOrigin = s.object({ source: s.string(1000), producerName: s.string(1000), producerVersion: s.string(1000), opset: s.nullable(s.number({ integer: true })), irVersion: s.number({ integer: true }) });

export const modelSummary = s.object({
  name: s.string(),
  modelDir: s.string(),
  status: modelStatus,
  model: modelConfig,
  training: trainConfig,
  dataset: s.object({
    root: s.string(),
    count: s.number({ integer: true, min: 0 }),
    trainCount: s.number({ integer: true, min: 0 }),
    validationCount: s.number({ integer: true, min: 0 }),
    labelNames: s.array(s.string(200), 10_000),
  }),
  /** An imported model: where each ONNX file came from and what its ModelProto says (store/onnxFiles.ts). */
  imported: s.optional(s.object({ encoder: onnxOrigin, decoder: onnxOrigin })),
  /**
   * The manifest's evaluation (measured at import, or by Evaluate Model): KL per dimension and active units on the
   * data, which is all the panel knows of an imported model's posterior (it has no epochs). iwaeK null: at import.
   */
  evaluation: s.optional(evaluationSummary),
  /** A VQ-VAE's autoregressive prior over code grids, when fitted (model.codePrior 'ar'). */
  codePrior: s.optional(codePriorFit),
});
export type ModelSummary = Infer<typeof modelSummary>;

/**
 * Where a page fetches the saved weights for its own decoder (a webview resource URI), and their layout; for an
 * imported model, its two ONNX files and onnxruntime-web's WebAssembly binary instead (webview/onnxPageVae.ts).
 */
export const decoderSource = s.object({
  weightsUri: s.string(),
  specs: s.array(s.object({ name: s.string(200), shape: s.array(s.number({ integer: true, min: 0 }), 8) }), 1000),
  onnx: s.optional(s.object({ encoderUri: s.string(), decoderUri: s.string(), wasmUri: s.string() })),
});
export type DecoderSource = Infer<typeof decoderSource>;

/** The summary the pages show, from a model folder's manifest (the name is the folder's last path segment). */
export function summaryOf<D extends ModelSummary['dataset']>(
  modelDir: string,
  // a manifest's dataset record has more (fingerprint, image size): only the summary's fields are copied
  m: { status: ModelSummary['status']; model: ModelConfig; training: TrainConfig; dataset: D; onnx?: ModelSummary['imported']; evaluation?: EvalMetrics | null; codePrior?: CodePriorFit },
): ModelSummary {
  const e = m.evaluation;
  const candidate = e && { negElbo: e.negElbo, recon: e.recon, kl: e.kl, klPerDim: e.klPerDim, activeUnits: e.activeUnits, nImages: e.nImages, iwaeK: e.iwaeK ?? null };
  // an evaluation the page would refuse (an older manifest's, a NaN) is left out rather than losing the whole summary
  const evaluation = candidate && evaluationSummary.check(candidate, 'evaluation') === null ? candidate : null;
  const { root, count, trainCount, validationCount, labelNames } = m.dataset;
  return {
    name: modelDir.split(/[\\/]/).filter(Boolean).pop() ?? modelDir,
    modelDir,
    status: m.status,
    model: m.model,
    training: m.training,
    dataset: { root, count, trainCount, validationCount, labelNames },
    ...(m.onnx ? { imported: { encoder: origin(m.onnx.encoder), decoder: origin(m.onnx.decoder) } } : {}),
    ...(evaluation ? { evaluation } : {}),
    ...(m.codePrior ? { codePrior: { ...m.codePrior } } : {}),
  };
}

/** Only the fields the overview shows (a manifest's entry also has the file, its size and SHA-256). */
function origin(e: NonNullable<ModelSummary['imported']>['encoder']): NonNullable<ModelSummary['imported']>['encoder'] {
  return { source: e.source, producerName: e.producerName, producerVersion: e.producerVersion, opset: e.opset, irVersion: e.irVersion };
}
