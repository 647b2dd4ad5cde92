// Every model variant by ModelConfig.model: the one place a variant's code is registered. Saved models name their
// variant in the manifest and load through here; an old manifest names none and loads as a 'vae'.
// A new variant: a folder models/<variant>/ with a class on VaeBase (create, fromWeights, logLikelihood and
// lossTerms, if its objective differs), its kind in ModelConfig, its networks in shared/architecture.ts (which the
// page decodes with) and an entry below.
import { isKnownKind } from '../../shared/architecture';
import { hasMonteCarloKl, isAutoregressive, modelVariant, type ModelConfig, type ModelVariant } from '../../shared/types';
import { UserError } from '../../shared/userError';
import type { VaeModel } from './base';
import { Cvae } from './cvae/cvae';
import { FlowPriorVae } from './flowPrior/flowPriorVae';
import { Iwae } from './iwae/iwae';
import { OnnxVae, type OnnxFiles } from './onnx/onnxVae';
import { PixelCnnVae } from './pixelcnn/pixelcnnVae';
import { Vae } from './vae/vae';
import { VaeGan } from './vaegan/vaegan';
import { VqVae } from './vqvae/vqvae';

export interface ModelFactory {
  /** A freshly initialised model, reproducible from `seed`. */
  create(config: ModelConfig, seed: number): VaeModel;
  /** A model from saved weights (by stored name); throws a UserError naming what does not match. */
  fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): VaeModel;
}

/** By ModelConfig.model (absent: 'vae'); the network (kind) is the architecture's business. */
const MODELS: Record<ModelVariant, ModelFactory> = {
  // a VAE with a learnable prior or a flow posterior (its options --prior, --flow) is built by models/flowPrior/,
  // one with a PixelCNN decoder (--decoder pixelcnn) by models/pixelcnn/
  vae: {
    create: (config, seed) => vaeClass(config).create(config, seed),
    fromWeights: (config, weights) => vaeClass(config).fromWeights(config, weights),
  },
  cvae: Cvae,
  iwae: Iwae,
  vqvae: VqVae,
  vaegan: VaeGan,
  // imported models load from their ONNX files (modelFromOnnx); they have no weights of ours and are not trained here
  onnx: {
    create: () => {
      throw new UserError('An imported ONNX model cannot be trained here: train it where it was made and import it again.');
    },
    fromWeights: () => {
      throw new UserError('An imported ONNX model loads from its encoder and decoder files, not from weights.');
    },
  },
};

function vaeClass(config: ModelConfig): ModelFactory {
  if (isAutoregressive(config)) return PixelCnnVae;
  return hasMonteCarloKl(config) ? FlowPriorVae : Vae;
}

function factoryFor(config: ModelConfig): ModelFactory {
  if (!isKnownKind(config.kind)) throw new UserError(`Invalid model configuration: unknown model kind "${String(config.kind)}"`);
  const variant = modelVariant(config);
  if (!Object.hasOwn(MODELS, variant)) throw new UserError(`Invalid model configuration: unknown model variant "${String(variant)}"`);
  return MODELS[variant];
}

export function createModel(config: ModelConfig, seed: number): VaeModel {
  return factoryFor(config).create(config, seed);
}

export function modelFromWeights(config: ModelConfig, weights: Map<string, Float32Array>): VaeModel {
  return factoryFor(config).fromWeights(config, weights);
}

/** An imported model (config.model 'onnx') from its two files' bytes; a file ONNX Runtime cannot load is a UserError naming it. */
export function modelFromOnnx(config: ModelConfig, files: OnnxFiles, exists: (file: string) => boolean): Promise<VaeModel> {
  if (modelVariant(config) !== 'onnx') throw new UserError(`Invalid model configuration: model "${modelVariant(config)}" is not an imported ONNX model`);
  return OnnxVae.open(config, files, exists);
}
