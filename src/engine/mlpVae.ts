// The MLP VAE: a Gaussian encoder q(z|x) = N(μ(x), diag σ²(x)) and a decoder p(x|z) whose output parameterises
// the configured likelihood. Weights are plain tf.Variables with stable names, so saving, loading and the
// webview's in-page decoder all agree on one layout.
import * as tf from '@tensorflow/tfjs-core';
import { dense } from './dense';
import { decoderMean } from './likelihoods';
import { Rng } from '../shared/rng';
import { hasLearnedScale, validateConfig, weightSpecsFor, type WeightSpec } from './architecture';
import type { ModelConfig } from '../shared/types';
import { UserError } from '../shared/userError';

interface Layer {
  kernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
}

export class MlpVae {
  readonly inputSize: number;
  private readonly vars = new Map<string, tf.Variable>();
  private readonly encoderLayers: Layer[] = [];
  private readonly decoderLayers: Layer[] = [];
  private readonly muLayer: Layer;
  private readonly logvarLayer: Layer;
  private readonly outLayer: Layer;
  /** log σ (Gaussian) or log b (Laplace): a learned [D] variable or a fixed scalar. */
  readonly logScale: tf.Tensor;

  private constructor(
    readonly config: ModelConfig,
    values: Map<string, Float32Array>,
  ) {
    this.inputSize = config.inputShape[0] * config.inputShape[1] * config.inputShape[2];
    for (const spec of weightSpecsFor(config)) {
      const v = values.get(spec.name)!;
      this.vars.set(spec.name, tf.variable(tf.tensor(v, spec.shape, 'float32'), true, `${spec.name}_${nextId()}`));
    }
    const layer = (name: string): Layer => ({
      kernel: this.vars.get(`${name}/kernel`) as tf.Variable<tf.Rank.R2>,
      bias: this.vars.get(`${name}/bias`) as tf.Variable<tf.Rank.R1>,
    });
    config.hidden.forEach((_, i) => this.encoderLayers.push(layer(`encoder/dense${i}`)));
    config.hidden.forEach((_, i) => this.decoderLayers.push(layer(`decoder/dense${i}`)));
    this.muLayer = layer('encoder/mu');
    this.logvarLayer = layer('encoder/logvar');
    this.outLayer = layer('decoder/out');
    const scale = typeof config.decoderScale === 'number' ? config.decoderScale : 1;
    this.logScale = hasLearnedScale(config) ? this.vars.get('decoder/logScale')! : tf.scalar(Math.log(scale));
  }

  /** New weights initialised like PyTorch's nn.Linear: W, b ~ U(−1/√fan_in, 1/√fan_in); learned log-scale 0. */
  static create(config: ModelConfig, seed: number): MlpVae {
    validateConfig(config);
    const rng = new Rng(seed);
    const values = new Map<string, Float32Array>();
    for (const spec of weightSpecsFor(config)) {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      const v = new Float32Array(size);
      if (spec.name !== 'decoder/logScale') {
        const fanIn = spec.name.endsWith('/kernel') ? spec.shape[0] : fanInOfBias(config, spec.name);
        const bound = 1 / Math.sqrt(fanIn);
        for (let i = 0; i < size; i++) v[i] = rng.uniform(-bound, bound);
      }
      values.set(spec.name, v);
    }
    return new MlpVae(config, values);
  }

  /** A model from saved weights; every expected weight must be present with the right size, and no others. */
  static fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): MlpVae {
    validateConfig(config);
    const specs = weightSpecsFor(config);
    const problems: string[] = [];
    for (const spec of specs) {
      const v = weights.get(spec.name);
      const size = spec.shape.reduce((a, b) => a * b, 1);
      if (!v) problems.push(`missing weight "${spec.name}"`);
      else if (v.length !== size) problems.push(`weight "${spec.name}" has ${v.length} values, expected ${size} (shape ${spec.shape.join('×')})`);
    }
    const expected = new Set(specs.map((s) => s.name));
    for (const name of weights.keys()) if (!expected.has(name)) problems.push(`unexpected weight "${name}"`);
    if (problems.length) throw new UserError(`The weights do not match the model architecture: ${problems.slice(0, 5).join('; ')}`);
    return new MlpVae(config, weights);
  }

  /** q(z|x): μ and log σ², each [B, latentDim]. */
  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    return tf.tidy(() => {
      let h = x;
      this.encoderLayers.forEach((l, i) => (h = dense(h, l.kernel, l.bias, 'relu', i === 0)));
      const onData = this.encoderLayers.length === 0;
      return {
        mu: dense(h, this.muLayer.kernel, this.muLayer.bias, 'linear', onData),
        logvar: dense(h, this.logvarLayer.kernel, this.logvarLayer.bias, 'linear', onData),
      };
    });
  }

  /** The decoder's pre-activation output ([B, inputSize]): logits for Bernoulli, sigmoid⁻¹ of the mean otherwise. */
  decodeRaw(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let h = z;
      for (const l of this.decoderLayers) h = dense(h, l.kernel, l.bias, 'relu');
      return dense(h, this.outLayer.kernel, this.outLayer.bias, 'linear');
    });
  }

  /** E[x|z], in [0, 1]. */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => decoderMean(this.decodeRaw(z)));
  }

  weightSpecs(): WeightSpec[] {
    return weightSpecsFor(this.config);
  }

  trainableVariables(): tf.Variable[] {
    return [...this.vars.values()];
  }

  weightValues(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const [name, v] of this.vars) out.set(name, v.dataSync().slice() as Float32Array);
    return out;
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    if (!hasLearnedScale(this.config)) this.logScale.dispose();
  }
}

let idCounter = 0;
/** tfjs variable names are global; a counter keeps two models in one process apart. */
function nextId(): number {
  return idCounter++;
}

function fanInOfBias(config: ModelConfig, biasName: string): number {
  const kernel = weightSpecsFor(config).find((s) => s.name === biasName.replace(/\/bias$/, '/kernel'));
  return kernel ? kernel.shape[0] : 1;
}

