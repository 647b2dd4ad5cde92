// A model's architecture as plain data, derived from its ModelConfig: the networks (see network.ts), the name and
// shape of every weight in stored order, and whether a configuration is sane. No tfjs, so the manifest validator,
// the extension host and the page all read the same description the engine trains.
import { layerWeightShapes, weightNames, type NetworkDesc } from './network';
import { convDecoder, convEncoder } from './networks/conv';
import { mlpNetwork } from './networks/mlp';
import { CODEBOOK_WEIGHT, codeGridOf, vqDecoder, vqEncoder } from './networks/vq';
import { PIXELCNN_MAX_SIDE, pixelCnnDecoder, pixelCnnWeightSpecs, type PixelCnnDesc } from './networks/pixelcnn';
import { discriminatorNetworks, discriminatorWeightSpecs, type DiscriminatorDesc } from './networks/discriminator';
import { conditionOnLabel } from './condition';
import { codePriorWeightSpecs, DEFAULT_CODE_PRIOR, validateCodePrior } from './codePrior';
import { onnxArchitecture, validateOnnxSpec } from './onnxModel';
import { flowWeightSpecs, priorWeightSpecs } from './priorFlowWeights';
import { decoderKind, DEFAULT_VQ, flowKind, modelVariant, priorKind, type ModelConfig } from './types';
import { UserError } from './userError';

export interface WeightSpec {
  name: string;
  shape: number[];
}

/** A VAE with a Gaussian posterior q(z|x) = N(μ, diag exp(logvar)) and a decoder parameterising p(x|z). */
export interface VaeArchitecture {
  kind: ModelConfig['kind'];
  inputSize: number;
  latentDim: number;
  /** The encoder's trunk; its output feeds both heads (no layers: the heads read the data). */
  encoder: NetworkDesc;
  mu: NetworkDesc;
  logvar: NetworkDesc;
  /** z → the likelihood's raw parameters: logits for Bernoulli, sigmoid⁻¹ of the mean otherwise. */
  decoder: NetworkDesc;
  /** The map from the decoder's raw output to E[x|z] in [0, 1]. */
  mean: 'sigmoid';
  /** Weights outside the networks, e.g. a learned per-pixel log-scale. */
  extra: WeightSpec[];
  /** Every weight, in the order saved files store them. */
  weights: WeightSpec[];
  /**
   * A VQ-VAE's codebook: K code vectors of D (the weight `name`, [K, D]) and the [height, width] grid of cells the
   * encoder writes one z_e per; the decoder reads the quantised grid flattened (latentDim = cells × D). Its mu
   * and logvar networks are empty (no Gaussian posterior).
   */
  codebook?: { name: string; size: number; dim: number; grid: [number, number]; prior?: { hidden: number } };
  /**
   * An autoregressive PixelCNN decoder (ModelConfig.decoder 'pixelcnn'): its masked conv layers, whose weights are
   * in `extra`. `decoder` is then the empty network (its raw output is z itself: the pixel logits also need the
   * image, teacher-forced in training and drawn pixel by pixel when sampling), so nothing can decode it in one pass.
   */
  pixelcnn?: PixelCnnDesc;
  /** A VAE-GAN's discriminator (networks/discriminator.ts); its weights follow the VAE's in `weights`. */
  discriminator?: DiscriminatorDesc;
}

export function hasLearnedScale(config: ModelConfig): boolean {
  return config.likelihood !== 'bernoulli' && config.decoderScale === 'learned';
}

function inputSizeOf(config: ModelConfig): number {
  return config.inputShape[0] * config.inputShape[1] * config.inputShape[2];
}

/** The MLP VAE: encoder hidden layers as configured, the decoder mirroring them. */
function mlpVaeArchitecture(config: ModelConfig): VaeArchitecture {
  const input = inputSizeOf(config);
  const encoder = mlpNetwork('encoder', input, config.hidden, null);
  const head = (name: string) => mlpNetwork('encoder', encoder.outSize, [], { head: name, size: config.latentDim, activation: 'linear' });
  const decoder = mlpNetwork('decoder', config.latentDim, [...config.hidden].reverse(), { head: 'out', size: input, activation: 'linear' });
  const extra = [...(hasLearnedScale(config) ? [{ name: 'decoder/logScale', shape: [input] }] : []), ...latentExtras(config, input, encoder.outSize)];
  return withWeights({ kind: config.kind, inputSize: input, latentDim: config.latentDim, encoder, mu: head('mu'), logvar: head('logvar'), decoder, mean: 'sigmoid', extra });
}

/**
 * The conv VAE (net 'conv'): the conv stack of networks/conv.ts and dense `hidden` layers, Gaussian heads on
 * their output, the decoder mirroring both.
 */
function convVaeArchitecture(config: ModelConfig): VaeArchitecture {
  const encoder = convEncoder(config.inputShape, config.hidden);
  const head = (name: string) => mlpNetwork('encoder', encoder.outSize, [], { head: name, size: config.latentDim, activation: 'linear' });
  const decoder = convDecoder(config.inputShape, config.hidden, config.latentDim);
  const extra = [...(hasLearnedScale(config) ? [{ name: 'decoder/logScale', shape: [encoder.inSize] }] : []), ...latentExtras(config, encoder.inSize, encoder.outSize)];
  return withWeights({ kind: config.kind, inputSize: encoder.inSize, latentDim: config.latentDim, encoder, mu: head('mu'), logvar: head('logvar'), decoder, mean: 'sigmoid', extra });
}

/**
 * The VQ-VAE (model 'vqvae'): networks/vq.ts's encoder to a grid of D-dim vectors, a codebook [K, D] and the mirror
 * decoder. No Gaussian heads: mu and logvar are empty networks (the page's μ(x) is then z_e, unquantised).
 */
function vqVaeArchitecture(config: ModelConfig): VaeArchitecture {
  const d = config.codeDim ?? DEFAULT_VQ.codeDim;
  const k = config.codebookSize ?? DEFAULT_VQ.codebookSize;
  const encoder = vqEncoder(config.inputShape, d);
  const empty = { inSize: encoder.outSize, outSize: encoder.outSize, layers: [] };
  const grid = codeGridOf(config.inputShape);
  // the fitted autoregressive prior's weights come last (shared/codePrior.ts); a uniform prior has none
  const hidden = config.codePrior === 'ar' ? (config.codePriorHidden ?? DEFAULT_CODE_PRIOR.hidden) : 0;
  const extra = [
    { name: CODEBOOK_WEIGHT, shape: [k, d] },
    ...(hasLearnedScale(config) ? [{ name: 'decoder/logScale', shape: [encoder.inSize] }] : []),
    ...(hidden ? codePriorWeightSpecs(grid[0] * grid[1], k, hidden) : []),
  ];
  const a = withWeights({ kind: config.kind, inputSize: encoder.inSize, latentDim: encoder.outSize, encoder, mu: empty, logvar: empty, decoder: vqDecoder(config.inputShape, d), mean: 'sigmoid', extra });
  return { ...a, codebook: { name: CODEBOOK_WEIGHT, size: k, dim: d, grid, ...(hidden ? { prior: { hidden } } : {}) } };
}

/**
 * A VAE with a PixelCNN decoder: the encoder and Gaussian heads of its network (mlp or conv), the masked conv stack
 * of networks/pixelcnn.ts as the decoder (its weights after the heads').
 */
function pixelCnnVaeArchitecture(config: ModelConfig): VaeArchitecture {
  const base = ARCHITECTURES[config.kind](config);
  const pixelcnn = pixelCnnDecoder(config.inputShape);
  const decoder = { inSize: config.latentDim, outSize: config.latentDim, layers: [] };
  const a = withWeights({ ...base, decoder, extra: [...base.extra, ...pixelCnnWeightSpecs(pixelcnn, config.latentDim)] });
  return { ...a, pixelcnn };
}

/** The VAE-GAN (model 'vaegan'): the conv VAE and a conv discriminator, whose weights are stored after the VAE's. */
function vaeGanArchitecture(config: ModelConfig): VaeArchitecture {
  const a = convVaeArchitecture(config);
  const discriminator = discriminatorNetworks(config.inputShape);
  return { ...a, weights: [...a.weights, ...discriminatorWeightSpecs(discriminator)], discriminator };
}

/** latentDim of a VQ-VAE: the quantised grid flattened, cells × D. */
export function vqLatentDim(inputShape: ModelConfig['inputShape'], codeDim: number): number {
  const [gh, gw] = codeGridOf(inputShape);
  return gh * gw * codeDim;
}

/** A learnable prior's and a posterior flow's weights (shared/priorFlowWeights.ts), after the networks'. */
function latentExtras(config: ModelConfig, inputSize: number, trunkSize: number): WeightSpec[] {
  return [...priorWeightSpecs(config, inputSize), ...flowWeightSpecs(config, trunkSize)];
}

/** Every architecture by ModelConfig.kind: a new kind of model registers its description here. */
const ARCHITECTURES: Record<ModelConfig['kind'], (config: ModelConfig) => VaeArchitecture> = {
  // the kind's name predates the conv network; `net` picks the networks (absent: the MLP)
  'mlp-vae': (config) => (config.net === 'conv' ? convVaeArchitecture(config) : mlpVaeArchitecture(config)),
};

export function isKnownKind(kind: unknown): kind is ModelConfig['kind'] {
  return typeof kind === 'string' && Object.hasOwn(ARCHITECTURES, kind);
}

/** The architecture of a (validated) configuration; a conditional VAE's networks also read the one-hot label. */
export function describeModel(config: ModelConfig): VaeArchitecture {
  if (modelVariant(config) === 'vqvae') return vqVaeArchitecture(config);
  if (modelVariant(config) === 'onnx') return onnxArchitecture(config);
  if (decoderKind(config) === 'pixelcnn') return pixelCnnVaeArchitecture(config);
  if (modelVariant(config) === 'vaegan') return vaeGanArchitecture(config);
  const a = ARCHITECTURES[config.kind](config);
  return modelVariant(config) === 'cvae' ? conditionOnLabel(a, config.labels?.length ?? 0) : a;
}

/** Layer shapes of a config, in the order weights are stored. */
export function weightSpecsFor(config: ModelConfig): WeightSpec[] {
  return describeModel(config).weights;
}

function withWeights(a: Omit<VaeArchitecture, 'weights'>): VaeArchitecture {
  const shapes = new Map<string, number[]>();
  for (const net of [a.encoder, a.mu, a.logvar, a.decoder]) {
    for (const l of net.layers) {
      const { kernel, bias } = layerWeightShapes(l);
      shapes.set(l.kernel, kernel);
      shapes.set(l.bias, bias);
    }
  }
  const names = [a.encoder, a.mu, a.logvar, a.decoder].flatMap(weightNames);
  return { ...a, weights: [...names.map((name) => ({ name, shape: shapes.get(name)! })), ...a.extra] };
}

export function specSize(spec: WeightSpec): number {
  return spec.shape.reduce((n, d) => n * d, 1);
}

const MAX_UNITS = 1 << 16;

export function validateConfig(config: ModelConfig): void {
  const bad = (what: string) => {
    throw new UserError(`Invalid model configuration: ${what}`);
  };
  if (!isKnownKind(config.kind)) bad(`unknown model kind "${String(config.kind)}"`);
  if (config.net !== undefined && config.net !== 'mlp' && config.net !== 'conv') bad(`unknown network "${String(config.net)}" (mlp or conv)`);
  const [h, w, c] = config.inputShape ?? [];
  for (const [name, v] of [['height', h], ['width', w]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 1024) bad(`input ${name} ${String(v)} must be an integer in 1…1024`);
  }
  if (c !== 1 && c !== 3) bad(`input channels ${String(c)} must be 1 or 3`);
  // a VQ-VAE's latent is its whole quantised grid (7×7×16 = 784 for 28×28): the page's limit of 4096 applies
  const maxLatent = config.model === 'vqvae' ? 4096 : 1024;
  if (!Number.isInteger(config.latentDim) || config.latentDim < 1 || config.latentDim > maxLatent) {
    bad(`latent size ${String(config.latentDim)} must be an integer in 1…${maxLatent}`);
  }
  if (!Array.isArray(config.hidden) || config.hidden.length > 8) bad('hidden must be a list of at most 8 layer sizes');
  for (const u of config.hidden) if (!Number.isInteger(u) || u < 1 || u > MAX_UNITS) bad(`hidden size ${String(u)} must be an integer in 1…${MAX_UNITS}`);
  if (!['bernoulli', 'gaussian', 'laplace'].includes(config.likelihood)) bad(`unknown likelihood "${String(config.likelihood)}"`);
  const s = config.decoderScale;
  if (s !== 'learned' && !(typeof s === 'number' && s > 0 && Number.isFinite(s))) bad(`decoder scale ${String(s)} must be a positive number or "learned"`);
  validateVariant(config, bad);
}

const MAX_LABELS = 10_000;

/** The variant's own fields: a CVAE names its labels, an IWAE its k. */
function validateVariant(config: ModelConfig, bad: (what: string) => never): void {
  const variant = config.model ?? 'vae';
  if (!['vae', 'cvae', 'iwae', 'vqvae', 'vaegan', 'onnx'].includes(variant)) bad(`unknown model variant "${String(variant)}" (vae, cvae, iwae, vqvae, vaegan or onnx)`);
  if (variant === 'onnx') validateOnnxSpec(config, bad);
  else if (config.onnx !== undefined) bad(`onnx is only for an imported model (model "onnx"), not "${variant}"`);
  const labels = config.labels;
  if (variant === 'cvae') {
    if (!Array.isArray(labels) || labels.length < 2 || labels.length > MAX_LABELS || labels.some((l) => typeof l !== 'string')) {
      bad(`a conditional VAE needs labels: a list of 2…${MAX_LABELS} label names`);
    }
  } else if (labels !== undefined) bad(`labels are only for a conditional VAE (model "cvae"), not "${variant}"`);
  const k = config.iwaeK;
  if (variant === 'iwae') {
    if (!Number.isInteger(k) || (k as number) < 1 || (k as number) > 1000) bad(`iwaeK ${String(k)} must be an integer in 1…1000`);
  } else if (k !== undefined) bad(`iwaeK is only for an IWAE (model "iwae"), not "${variant}"`);
  validateVq(config, variant, bad);
  validateGan(config, variant, bad);
  validatePriorAndFlow(config, variant, bad);
  validateDecoder(config, variant, bad);
}

/** A PixelCNN decoder: a plain VAE (standard prior, no flow) on gray images ≤ 32×32 with a Bernoulli likelihood. */
function validateDecoder(config: ModelConfig, variant: string, bad: (what: string) => never): void {
  const decoder = decoderKind(config);
  if (decoder !== 'mirror' && decoder !== 'pixelcnn') bad(`unknown decoder "${String(decoder)}" (mirror or pixelcnn)`);
  if (decoder !== 'pixelcnn') return;
  if (variant !== 'vae') bad(`a PixelCNN decoder is an option of the plain VAE (model "vae"), not "${variant}"`);
  if (priorKind(config) !== 'standard' || flowKind(config) !== 'none') bad('a PixelCNN decoder takes the standard prior and no flow');
  if (config.likelihood !== 'bernoulli') bad(`a PixelCNN decoder models each pixel as a Bernoulli: likelihood must be "bernoulli", not "${config.likelihood}"`);
  const [h, w, c] = config.inputShape;
  if (c !== 1) bad(`a PixelCNN decoder is for gray images (1 channel), not ${c}`);
  if (h > PIXELCNN_MAX_SIDE || w > PIXELCNN_MAX_SIDE) bad(`a PixelCNN decoder is for images up to ${PIXELCNN_MAX_SIDE}×${PIXELCNN_MAX_SIDE} (sampling takes one pass per pixel), not ${h}×${w}: resize them (--size)`);
}

const VQ_FIELDS = ['codebookSize', 'codeDim', 'commitment', 'ema', 'codePrior', 'codePriorHidden', 'codePriorEpochs'] as const;

/** A VQ-VAE's codebook K ∈ 2…4096, D ∈ 1…256, commitment ≥ 0, and latentDim = grid cells × D; no VQ field elsewhere. */
function validateVq(config: ModelConfig, variant: string, bad: (what: string) => never): void {
  if (variant !== 'vqvae') {
    for (const f of VQ_FIELDS) if (config[f] !== undefined) bad(`${f} is only for a VQ-VAE (model "vqvae"), not "${variant}"`);
    return;
  }
  const { codebookSize: k, codeDim: d, commitment: c, ema } = config;
  if (!Number.isInteger(k) || (k as number) < 2 || (k as number) > 4096) bad(`codebookSize ${String(k)} must be an integer in 2…4096`);
  if (!Number.isInteger(d) || (d as number) < 1 || (d as number) > 256) bad(`codeDim ${String(d)} must be an integer in 1…256`);
  if (typeof c !== 'number' || !Number.isFinite(c) || c < 0 || c > 100) bad(`commitment ${String(c)} must be a number in 0…100`);
  if (ema !== undefined && typeof ema !== 'boolean') bad(`ema ${String(ema)} must be true or false`);
  if (config.net !== 'conv') bad('a VQ-VAE needs the conv network (net "conv")');
  validateCodePrior(config, bad);
  const expected = vqLatentDim(config.inputShape, d as number);
  if (config.latentDim !== expected) bad(`latentDim ${config.latentDim} of a VQ-VAE must be its grid cells × codeDim = ${expected}`);
}

/** A VAE-GAN's γ ∈ 0…1000 on the conv network; no γ elsewhere. */
function validateGan(config: ModelConfig, variant: string, bad: (what: string) => never): void {
  const g = config.gamma;
  if (variant !== 'vaegan') {
    if (g !== undefined) bad(`gamma is only for a VAE-GAN (model "vaegan"), not "${variant}"`);
    return;
  }
  if (typeof g !== 'number' || !Number.isFinite(g) || g < 0 || g > 1000) bad(`gamma ${String(g)} must be a number in 0…1000`);
  if (config.net !== 'conv') bad('a VAE-GAN needs the conv network (net "conv")');
}

const MAX_PRIOR_COMPONENTS = 1000;
const MAX_FLOW_STEPS = 64;

/** A prior's K and a flow's N belong to them; both are options of the plain VAE (its single-sample ELBO). */
function validatePriorAndFlow(config: ModelConfig, variant: string, bad: (what: string) => never): void {
  const prior = priorKind(config);
  const flow = flowKind(config);
  if (!['standard', 'mog', 'vamp'].includes(prior)) bad(`unknown prior "${String(prior)}" (standard, mog or vamp)`);
  if (!['none', 'planar', 'iaf'].includes(flow)) bad(`unknown flow "${String(flow)}" (none, planar or iaf)`);
  if ((prior !== 'standard' || flow !== 'none') && variant !== 'vae') bad(`a ${prior !== 'standard' ? `${prior} prior` : `${flow} flow`} is an option of the plain VAE (model "vae"), not "${variant}"`);
  const k = config.priorComponents;
  if (prior === 'standard') {
    if (k !== undefined) bad('priorComponents is only for a mog or vamp prior');
  } else if (!Number.isInteger(k) || (k as number) < 1 || (k as number) > MAX_PRIOR_COMPONENTS) bad(`priorComponents ${String(k)} must be an integer in 1…${MAX_PRIOR_COMPONENTS}`);
  const n = config.flowSteps;
  if (flow === 'none') {
    if (n !== undefined) bad('flowSteps is only for a planar or iaf flow');
  } else if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_FLOW_STEPS) bad(`flowSteps ${String(n)} must be an integer in 1…${MAX_FLOW_STEPS}`);
}
