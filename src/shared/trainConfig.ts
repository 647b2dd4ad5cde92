// How a model is trained, its defaults, and the one validator every source of training settings goes through:
// VS Code settings, command-line flags, a manifest's training section and a job arriving in the job process.
// Each source spells a field its own way (latentExplorer.beta, --beta, training.beta), so an error names the
// field as the person wrote it, with the bad value and what is allowed, before anything is trained or written.
// long-file: one table per source and one rule and reader per field, kept together so a new field is one edit here.
import type { CodePriorKind, DecoderKind, FlowKind, Likelihood, ModelConfig, ModelVariant, NetworkKind, PriorKind } from './types';
import { UserError } from './userError';

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Final weight β on the KL term (β-VAE; 1 = the plain ELBO). */
  beta: number;
  /** Epochs over which the KL weight rises linearly from 0 to β (0 = no warm-up). */
  warmupEpochs: number;
  /**
   * Free bits λ, in nats per latent dimension (0 = off): the KL term of each dimension counts as at least λ, so
   * the optimiser gains nothing by pushing a dimension's KL below λ — the collapse remedy of Kingma et al. (2016).
   * Manifests written before it existed have none; reading them fills in 0.
   */
  freeBits: number;
  /**
   * How β moves during the run: 'warmup' rises linearly over warmupEpochs (constant β when 0); 'cyclical'
   * (Fu et al. 2019) repeats klCycles cycles over the whole run, β rising linearly over the first klRatio of each.
   * Optional (absent: warm-up) because manifests and jobs written before it existed have none; the validator
   * fills all three in.
   */
  klSchedule?: KlSchedule;
  /** Cycles of the cyclical schedule over the whole run. */
  klCycles?: number;
  /** Share of each cycle over which β rises from 0 to β (the rest stays at β). */
  klRatio?: number;
  seed: number;
}

export type KlSchedule = 'warmup' | 'cyclical';
export const KL_SCHEDULES: readonly KlSchedule[] = ['warmup', 'cyclical'];
/** The model variants (ModelConfig.model): how the network's output is trained and used. */
export const MODEL_VARIANTS: readonly ModelVariant[] = ['vae', 'cvae', 'iwae', 'vqvae', 'vaegan'];
/** The networks (ModelConfig.net): dense layers, or the conv stack of shared/networks/conv.ts. */
export const NETWORKS: readonly NetworkKind[] = ['mlp', 'conv'];
/** The priors (ModelConfig.prior): N(0, I), a mixture of Gaussians, the VampPrior. */
export const PRIORS: readonly PriorKind[] = ['standard', 'mog', 'vamp'];
/** The posterior flows (ModelConfig.flow). */
export const FLOWS: readonly FlowKind[] = ['none', 'planar', 'iaf'];
/** The decoders (ModelConfig.decoder): the encoder's mirror, or an autoregressive PixelCNN conditioned on z. */
export const DECODERS: readonly DecoderKind[] = ['mirror', 'pixelcnn'];

export const DEFAULT_TRAIN: Required<TrainConfig> = {
  epochs: 10,
  batchSize: 128,
  learningRate: 1e-3,
  beta: 1,
  warmupEpochs: 0,
  freeBits: 0,
  // M = 4, R = 0.5: the setting Fu et al. (2019) report for text VAEs
  klSchedule: 'warmup',
  klCycles: 4,
  klRatio: 0.5,
  seed: 1,
};

/** Share of the images held out for validation when nobody says otherwise. */
export const DEFAULT_VALIDATION_FRACTION = 0.1;

/** The architecture choices a person makes (the data decides inputShape). */
export type ModelChoices = Pick<
  ModelConfig,
  'hidden' | 'latentDim' | 'likelihood' | 'decoderScale' | 'model' | 'iwaeK' | 'net' | 'codebookSize' | 'codeDim' | 'commitment' | 'ema' | 'gamma' | 'codePrior' | 'codePriorHidden' | 'codePriorEpochs' | 'prior' | 'priorComponents' | 'flow' | 'flowSteps' | 'decoder'
>;

/** Every field this module checks. */
export type FieldKey = keyof TrainConfig | keyof ModelChoices | 'validationFraction';

/** How one source spells its fields and words its errors. */
export interface FieldNames {
  /** The field as its user wrote it: latentExplorer.beta, --beta, training.beta. */
  name(field: FieldKey): string;
  /** The whole message around "<name> is <value>; it must be <rule>": where to look and what to do. */
  explain(problem: string): string;
  /** Values arrive as text (command-line flags) and are read as numbers or lists here. */
  text?: boolean;
  /** Training fields that must be present: a record of a run must not silently gain a default. */
  required?: readonly (keyof TrainConfig)[];
}

/** settings.json: `latentExplorer.<field>`. */
export const SETTING_NAMES: FieldNames = {
  // ModelConfig.net is the setting latentExplorer.network (a word people read in the Settings editor)
  name: (field) => `latentExplorer.${field === 'net' ? 'network' : field}`,
  explain: (problem) => `Setting ${problem}. Fix it in settings.json.`,
};

// the CLI's flags predate this module and are shorter than the field names
const FLAGS: Record<FieldKey, string> = {
  epochs: 'epochs',
  batchSize: 'batch',
  learningRate: 'lr',
  beta: 'beta',
  warmupEpochs: 'warmup',
  freeBits: 'free-bits',
  klSchedule: 'kl-schedule',
  klCycles: 'cycles',
  klRatio: 'ratio',
  seed: 'seed',
  latentDim: 'latent',
  hidden: 'hidden',
  likelihood: 'likelihood',
  decoderScale: 'scale',
  model: 'model',
  iwaeK: 'k',
  net: 'net',
  codebookSize: 'codebook',
  codeDim: 'code-dim',
  commitment: 'commitment',
  ema: 'ema',
  gamma: 'gamma',
  codePrior: 'vq-prior',
  codePriorHidden: 'vq-prior-hidden',
  codePriorEpochs: 'vq-prior-epochs',
  prior: 'prior',
  priorComponents: 'prior-components',
  flow: 'flow',
  flowSteps: 'flow-steps',
  decoder: 'decoder',
  validationFraction: 'validation',
};

/** `latent-explorer train` flags: `--beta`, `--batch`, … */
export const FLAG_NAMES: FieldNames = {
  name: (field) => `--${FLAGS[field]}`,
  explain: (problem) => `${problem} (see latent-explorer train --help)`,
  text: true,
};

/** A model folder's manifest.json: `training.<field>`, with the file's path. */
export function manifestNames(file: string): FieldNames {
  return {
    name: (field) => `training.${field}`,
    explain: (problem) => `${file}: ${problem}. This folder is not a usable Latent Explorer model.`,
    // manifests written before free bits existed have none: they trained without, which is the default
    required: ['epochs', 'batchSize', 'learningRate', 'beta', 'warmupEpochs', 'seed'],
  };
}

/** A training job as the job process receives it, from whichever side built it. */
export const JOB_NAMES: FieldNames = {
  name: (field) => (field === 'validationFraction' ? field : field in DEFAULT_TRAIN ? `train.${field}` : `model.${field}`),
  explain: (problem) => `Training job refused before anything was written: ${problem}.`,
  // whoever built the job applied the defaults already
  required: ['epochs', 'batchSize', 'learningRate', 'beta', 'warmupEpochs', 'freeBits', 'seed'],
};

interface NumberRule {
  integer: boolean;
  min: number;
  /** min itself is not allowed (a learning rate of 0 trains nothing). */
  aboveMin?: boolean;
  max: number;
}

const int = (min: number, max = Infinity): NumberRule => ({ integer: true, min, max });
const num = (min: number, max = Infinity): NumberRule => ({ integer: false, min, max });

// The same bounds as package.json's contributes.configuration (a unit test keeps the two in step) and, for the
// model, as shared/architecture's validateConfig, which checks any ModelConfig again where it is built.
const TRAIN_RULES: Record<NumericTrainField, NumberRule> = {
  epochs: int(1),
  batchSize: int(1),
  learningRate: { integer: false, min: 0, aboveMin: true, max: Infinity },
  beta: num(0),
  warmupEpochs: num(0),
  freeBits: num(0, 1000),
  klCycles: int(1, 1000),
  klRatio: { integer: false, min: 0, aboveMin: true, max: 1 },
  seed: int(-(2 ** 31), 2 ** 32),
};
/** The training fields that are numbers (klSchedule is a word). */
export type NumericTrainField = Exclude<keyof TrainConfig, 'klSchedule'>;
const LATENT_DIM = int(1, 1024);
/** Importance samples of the IWAE objective: the cost of a step grows with k. */
const IWAE_K = int(1, 1000);
const HIDDEN_SIZE = int(1, 1 << 16);
/** VQ-VAE: codes in the codebook, the size of one code vector, the commitment weight (as architecture.validateVq). */
const CODEBOOK_SIZE = int(2, 4096);
const CODE_DIM = int(1, 256);
const COMMITMENT = num(0, 100);
/** VAE-GAN: γ, the reconstruction terms' weight against the GAN loss in the decoder's objective (as architecture.validateGan). */
const GAMMA = num(0, 1000);
/** The autoregressive prior over code grids: 'ar' or 'uniform', its hidden units and epochs (as architecture.validateCodePrior). */
export const CODE_PRIORS: readonly CodePriorKind[] = ['ar', 'uniform'];
const CODE_PRIOR_HIDDEN = int(1, 4096);
const CODE_PRIOR_EPOCHS = int(1, 1000);
/** Mixture components / pseudo-inputs: a VampPrior encodes all K every step. */
const PRIOR_COMPONENTS = int(1, 1000);
const FLOW_STEPS = int(1, 64);
const MAX_HIDDEN_LAYERS = 8;
const VALIDATION_FRACTION = num(0, 0.9);
export const LIKELIHOODS: readonly Likelihood[] = ['bernoulli', 'gaussian', 'laplace'];

/** Bounds for tests and for package.json's schema check. */
export const RULES = {
  train: TRAIN_RULES, latentDim: LATENT_DIM, iwaeK: IWAE_K, codebookSize: CODEBOOK_SIZE, codeDim: CODE_DIM, commitment: COMMITMENT, gamma: GAMMA,
  codePriorHidden: CODE_PRIOR_HIDDEN, codePriorEpochs: CODE_PRIOR_EPOCHS,
  priorComponents: PRIOR_COMPONENTS, flowSteps: FLOW_STEPS, hiddenSize: HIDDEN_SIZE, maxHiddenLayers: MAX_HIDDEN_LAYERS, validationFraction: VALIDATION_FRACTION,
};

function describe(rule: NumberRule): string {
  const what = rule.integer ? 'an integer' : 'a number';
  if (rule.max === Infinity) return `${what} ${rule.aboveMin ? '>' : '≥'} ${rule.min}`;
  if (rule.aboveMin) return `${what} > ${rule.min} and ≤ ${rule.max}`;
  return `${what} from ${rule.min} to ${rule.max}`;
}

function shown(v: unknown, text: boolean | undefined): string {
  if (text && typeof v === 'string' && /^\S+$/.test(v)) return v;
  return JSON.stringify(v) ?? String(v);
}

function refuse(names: FieldNames, field: FieldKey, value: unknown, rule: string): never {
  throw new UserError(names.explain(`${names.name(field)} is ${shown(value, names.text)}; it must be ${rule}`));
}

function readNumber(v: unknown, rule: NumberRule, names: FieldNames, field: FieldKey): number {
  // text from a command line is a number only if all of it is one ("", " " and "3x" are not)
  const n = names.text && typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : v;
  const ok =
    typeof n === 'number' &&
    Number.isFinite(n) &&
    (!rule.integer || Number.isInteger(n)) &&
    (rule.aboveMin ? n > rule.min : n >= rule.min) &&
    n <= rule.max;
  if (!ok) refuse(names, field, v, describe(rule));
  return n as number;
}

/** The training settings in `raw` (absent fields take DEFAULT_TRAIN unless required), or a UserError naming the first bad one. */
export function readTrainConfig(given: object, names: FieldNames): Required<TrainConfig> {
  const raw = given as Record<string, unknown>;
  const out = { ...DEFAULT_TRAIN };
  for (const field of Object.keys(TRAIN_RULES) as NumericTrainField[]) {
    if (raw[field] !== undefined) out[field] = readNumber(raw[field], TRAIN_RULES[field], names, field);
    else if (names.required?.includes(field)) throw new UserError(names.explain(`${names.name(field)} is missing`));
  }
  if (raw.klSchedule !== undefined) out.klSchedule = readWord(raw.klSchedule, KL_SCHEDULES, names, 'klSchedule');
  else if (names.required?.includes('klSchedule')) throw new UserError(names.explain(`${names.name('klSchedule')} is missing`));
  return out;
}

function readWord<T extends string>(v: unknown, allowed: readonly T[], names: FieldNames, field: FieldKey): T {
  if (!allowed.includes(v as T)) refuse(names, field, v, `one of ${allowed.join(', ')}`);
  return v as T;
}

/** The share held out for validation (absent: DEFAULT_VALIDATION_FRACTION). */
export function readValidationFraction(given: object, names: FieldNames): number {
  const v = (given as { validationFraction?: unknown }).validationFraction;
  return v === undefined ? DEFAULT_VALIDATION_FRACTION : readNumber(v, VALIDATION_FRACTION, names, 'validationFraction');
}

function readHidden(v: unknown, names: FieldNames): number[] {
  const rule = `a list of at most ${MAX_HIDDEN_LAYERS} layer sizes, each ${describe(HIDDEN_SIZE)}`;
  let list: unknown = v;
  // on a command line: 400,200 (or "none" for no hidden layer)
  if (names.text && typeof v === 'string') list = v.trim() === '' || v.trim() === 'none' ? [] : v.split(',').map((s) => s.trim());
  if (!Array.isArray(list) || list.length > MAX_HIDDEN_LAYERS) refuse(names, 'hidden', v, rule);
  const sizes: number[] = [];
  for (const s of list as unknown[]) {
    const n = names.text && typeof s === 'string' && s !== '' ? Number(s) : s;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < HIDDEN_SIZE.min || n > HIDDEN_SIZE.max) refuse(names, 'hidden', v, rule);
    sizes.push(n as number);
  }
  return sizes;
}

function readDecoderScale(v: unknown, names: FieldNames): number | 'learned' {
  if (v === 'learned') return v;
  const n = names.text && typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) refuse(names, 'decoderScale', v, 'a number > 0 or "learned"');
  return n as number;
}

/**
 * The architecture choices present in `raw`, checked; absent ones stay absent, so the one place that builds the
 * model (training/runTraining) fills them from DEFAULT_MODEL.
 */
export function readModelChoices(given: object, names: FieldNames): Partial<ModelChoices> {
  const raw = given as Record<string, unknown>;
  const out: Partial<ModelChoices> = {};
  if (raw.latentDim !== undefined) out.latentDim = readNumber(raw.latentDim, LATENT_DIM, names, 'latentDim');
  if (raw.hidden !== undefined) out.hidden = readHidden(raw.hidden, names);
  if (raw.likelihood !== undefined) {
    if (!LIKELIHOODS.includes(raw.likelihood as Likelihood)) refuse(names, 'likelihood', raw.likelihood, `one of ${LIKELIHOODS.join(', ')}`);
    out.likelihood = raw.likelihood as Likelihood;
  }
  if (raw.decoderScale !== undefined) out.decoderScale = readDecoderScale(raw.decoderScale, names);
  if (raw.model !== undefined) out.model = readWord(raw.model, MODEL_VARIANTS, names, 'model');
  if (raw.iwaeK !== undefined) out.iwaeK = readNumber(raw.iwaeK, IWAE_K, names, 'iwaeK');
  if (raw.codebookSize !== undefined) out.codebookSize = readNumber(raw.codebookSize, CODEBOOK_SIZE, names, 'codebookSize');
  if (raw.codeDim !== undefined) out.codeDim = readNumber(raw.codeDim, CODE_DIM, names, 'codeDim');
  if (raw.commitment !== undefined) out.commitment = readNumber(raw.commitment, COMMITMENT, names, 'commitment');
  if (raw.ema !== undefined) out.ema = readBoolean(raw.ema, names, 'ema');
  if (raw.gamma !== undefined) out.gamma = readNumber(raw.gamma, GAMMA, names, 'gamma');
  if (raw.codePrior !== undefined) out.codePrior = readWord(raw.codePrior, CODE_PRIORS, names, 'codePrior');
  if (raw.codePriorHidden !== undefined) out.codePriorHidden = readNumber(raw.codePriorHidden, CODE_PRIOR_HIDDEN, names, 'codePriorHidden');
  if (raw.codePriorEpochs !== undefined) out.codePriorEpochs = readNumber(raw.codePriorEpochs, CODE_PRIOR_EPOCHS, names, 'codePriorEpochs');
  if (raw.net !== undefined) {
    if (!NETWORKS.includes(raw.net as NetworkKind)) refuse(names, 'net', raw.net, `one of ${NETWORKS.join(', ')}`);
    out.net = raw.net as NetworkKind;
  }
  if (raw.prior !== undefined) out.prior = readWord(raw.prior, PRIORS, names, 'prior');
  if (raw.priorComponents !== undefined) out.priorComponents = readNumber(raw.priorComponents, PRIOR_COMPONENTS, names, 'priorComponents');
  if (raw.flow !== undefined) out.flow = readWord(raw.flow, FLOWS, names, 'flow');
  if (raw.flowSteps !== undefined) out.flowSteps = readNumber(raw.flowSteps, FLOW_STEPS, names, 'flowSteps');
  if (raw.decoder !== undefined) out.decoder = readWord(raw.decoder, DECODERS, names, 'decoder');
  return out;
}

/** true/false (on a command line also the words "true" and "false"). */
function readBoolean(v: unknown, names: FieldNames, field: FieldKey): boolean {
  if (typeof v === 'boolean') return v;
  if (names.text && (v === 'true' || v === 'false')) return v === 'true';
  return refuse(names, field, v, 'true or false');
}

export interface RunSettings {
  model: Partial<ModelChoices>;
  train: TrainConfig;
  validationFraction: number;
}

/** Everything a person chooses for a training run, from one flat record (settings, flags). */
export function readRunSettings(raw: object, names: FieldNames): RunSettings {
  return { model: readModelChoices(raw, names), train: readTrainConfig(raw, names), validationFraction: readValidationFraction(raw, names) };
}
