// The MLP VAE's architecture as plain data: which weights a configuration has and whether a configuration is
// sane. No tfjs here, so the extension host (and the manifest validator) can use it without loading the engine.
import type { ModelConfig } from '../shared/types';
import { UserError } from '../shared/userError';

export interface WeightSpec {
  name: string;
  shape: number[];
}

/** Layer shapes of a config, in the order weights are stored. */
export function weightSpecsFor(config: ModelConfig): WeightSpec[] {
  const input = config.inputShape[0] * config.inputShape[1] * config.inputShape[2];
  const specs: WeightSpec[] = [];
  const layer = (name: string, fanIn: number, fanOut: number) => {
    specs.push({ name: `${name}/kernel`, shape: [fanIn, fanOut] });
    specs.push({ name: `${name}/bias`, shape: [fanOut] });
  };
  let width = input;
  config.hidden.forEach((h, i) => {
    layer(`encoder/dense${i}`, width, h);
    width = h;
  });
  layer('encoder/mu', width, config.latentDim);
  layer('encoder/logvar', width, config.latentDim);
  width = config.latentDim;
  [...config.hidden].reverse().forEach((h, i) => {
    layer(`decoder/dense${i}`, width, h);
    width = h;
  });
  layer('decoder/out', width, input);
  if (hasLearnedScale(config)) specs.push({ name: 'decoder/logScale', shape: [input] });
  return specs;
}

export function hasLearnedScale(config: ModelConfig): boolean {
  return config.likelihood !== 'bernoulli' && config.decoderScale === 'learned';
}

const MAX_UNITS = 1 << 16;

export function validateConfig(config: ModelConfig): void {
  const bad = (what: string) => {
    throw new UserError(`Invalid model configuration: ${what}`);
  };
  if (config.kind !== 'mlp-vae') bad(`unknown model kind "${String(config.kind)}"`);
  const [h, w, c] = config.inputShape ?? [];
  for (const [name, v] of [['height', h], ['width', w]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 1024) bad(`input ${name} ${String(v)} must be an integer in 1…1024`);
  }
  if (c !== 1 && c !== 3) bad(`input channels ${String(c)} must be 1 or 3`);
  if (!Number.isInteger(config.latentDim) || config.latentDim < 1 || config.latentDim > 1024) {
    bad(`latent size ${String(config.latentDim)} must be an integer in 1…1024`);
  }
  if (!Array.isArray(config.hidden) || config.hidden.length > 8) bad('hidden must be a list of at most 8 layer sizes');
  for (const u of config.hidden) if (!Number.isInteger(u) || u < 1 || u > MAX_UNITS) bad(`hidden size ${String(u)} must be an integer in 1…${MAX_UNITS}`);
  if (!['bernoulli', 'gaussian', 'laplace'].includes(config.likelihood)) bad(`unknown likelihood "${String(config.likelihood)}"`);
  const s = config.decoderScale;
  if (s !== 'learned' && !(typeof s === 'number' && s > 0 && Number.isFinite(s))) bad(`decoder scale ${String(s)} must be a positive number or "learned"`);
}
