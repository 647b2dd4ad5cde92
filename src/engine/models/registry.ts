// Every model variant by ModelConfig.kind: the one place a variant's code is registered. Saved models name their
// kind in the manifest and load through here, so an old manifest's 'mlp-vae' keeps loading while its entry stays.
// A new variant: a folder models/<variant>/ with a class on VaeBase (create, fromWeights, logLikelihood and
// lossTerms, if its objective differs), its kind in ModelConfig, its networks in shared/architecture.ts (which the
// page decodes with) and an entry below.
import type { ModelConfig } from '../../shared/types';
import { UserError } from '../../shared/userError';
import type { VaeModel } from './base';
import { Vae } from './vae/vae';

export interface ModelFactory {
  /** A freshly initialised model, reproducible from `seed`. */
  create(config: ModelConfig, seed: number): VaeModel;
  /** A model from saved weights (by stored name); throws a UserError naming what does not match. */
  fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): VaeModel;
}

const MODELS: Record<ModelConfig['kind'], ModelFactory> = {
  'mlp-vae': Vae,
};

function factoryFor(config: ModelConfig): ModelFactory {
  if (!Object.hasOwn(MODELS, config.kind)) throw new UserError(`Invalid model configuration: unknown model kind "${String(config.kind)}"`);
  return MODELS[config.kind];
}

export function createModel(config: ModelConfig, seed: number): VaeModel {
  return factoryFor(config).create(config, seed);
}

export function modelFromWeights(config: ModelConfig, weights: Map<string, Float32Array>): VaeModel {
  return factoryFor(config).fromWeights(config, weights);
}
