// The model runs in the page (tfjs: WebGL when the browser has it, else the cpu backend), from the saved weights
// the host serves as a webview resource, so samples, interpolations and traversals never wait for the extension host.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { Rng } from '../shared/rng';
import { codePriorFrom, type CodePriorWeights } from '../shared/codePrior';
import { describeModel, specSize, type VaeArchitecture } from '../shared/architecture';
import { explicitPad, lookupIn, runNetwork, weightNames, type NetworkOps } from '../shared/network';
import { isAutoregressive, type ModelConfig } from '../shared/types';
import { l10n } from './l10n';
import type { DecoderSource } from '../protocol/webview';
import type { PageCodebook } from './codeGrid';
import { decodeOneJs } from './jsDecoder';
import { PageLatent } from './pageLatent';
import { mixtureCodes } from '../shared/mixtureSample';

let backendReady: Promise<string> | null = null;

function initPageBackend(): Promise<string> {
  backendReady ??= (async () => {
    if (!tf.findBackendFactory('cpu')) tf.registerBackend('cpu', () => new MathBackendCPU(), 1);
    for (const name of ['webgl', 'cpu']) {
      try {
        if (await tf.setBackend(name)) {
          await tf.ready();
          return name;
        }
      } catch {
        // no WebGL in this page (e.g. headless without a GPU): try the next backend
      }
    }
    throw new Error('no tfjs backend could start in this page');
  })();
  return backendReady;
}

export class PageVae {
  protected constructor(
    private readonly arch: VaeArchitecture,
    /** The networks' weights as tensors, for batches. */
    private readonly tensors: Map<string, tf.Tensor>,
    /** The same weights as arrays, for one code at a time (jsDecoder.ts). */
    private readonly arrays: Map<string, Float32Array>,
    readonly backend: string,
    private readonly config: ModelConfig,
  ) {}

  private latentPart: PageLatent | null | undefined;

  /** The posterior, flow and prior of the model in plain JS (pageLatent.ts); null for an imported ONNX model. */
  get latent(): PageLatent | null {
    if (this.latentPart === undefined) this.latentPart = this.config.onnx || this.codebook ? null : new PageLatent(this.arch, this.config, lookupIn(this.arrays));
    return this.latentPart;
  }

  /**
   * The code the decoder reads for n images of uint8 pixels: f(μ) for a flow model (the CLI's reconstructions
   * decode the same, engine meanCode), μ otherwise. Interpolation and traversal start from it.
   */
  encodeMean(pixels: ArrayLike<number>, n: number): Float32Array {
    const latent = this.latent;
    if (!latent?.hasFlow) return this.encodeMu(pixels, n);
    const per = pixels.length / n;
    const out = new Float32Array(n * this.latentDim);
    for (let i = 0; i < n; i++) {
      const x = Float32Array.from({ length: per }, (_, j) => pixels[i * per + j] / 255);
      out.set(latent.meanCode(x), i * this.latentDim);
    }
    return out;
  }

  /** n codes from the model's own prior at temperature T: its mixture (MoG, VampPrior; `component` alone if given) or N(0, T²·I). */
  priorSampleCodes(n: number, temperature: number, seed: number, component?: number): Float32Array {
    const mixture = this.latent?.priorMixture();
    return mixture ? mixtureCodes(mixture, n, temperature, seed, component).codes : priorCodes(n, this.latentDim, temperature, seed);
  }

  /**
   * A conditional VAE's label index under which decodes and encodes run when the caller names none (the CVAE
   * view's label choice); ignored by other models.
   */
  label = 0;

  get latentDim(): number {
    return this.arch.latentDim;
  }

  /** A VQ-VAE's codebook (codeGrid.ts); null for other models, whose latent is continuous. */
  get codebook(): PageCodebook | null {
    const c = this.arch.codebook;
    return c ? { values: this.arrays.get(c.name)!, size: c.size, dim: c.dim, grid: c.grid } : null;
  }

  /** A VQ-VAE's fitted autoregressive prior over code grids (shared/codePrior.ts); null when it samples the uniform prior. */
  get codePrior(): CodePriorWeights | null {
    const c = this.arch.codebook;
    return c?.prior ? codePriorFrom(this.arrays, c.grid[0] * c.grid[1], c.size, c.prior.hidden) : null;
  }

  /** A conditional VAE's label names (one-hot order); empty for other models. */
  get labels(): readonly string[] {
    return this.config.model === 'cvae' ? (this.config.labels ?? []) : [];
  }

  /** One-hot rows for n images: `labels` per row, else every row under this.label; none for other models. */
  private conditionRows(n: number, labels?: ArrayLike<number>): Float32Array | undefined {
    const k = this.labels.length;
    if (k === 0) return undefined;
    const out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) out[i * k + (labels ? labels[i] : this.label)] = 1;
    return out;
  }

  private condition(n: number, labels?: ArrayLike<number>): tf.Tensor2D | undefined {
    const rows = this.conditionRows(n, labels);
    return rows && tf.tensor2d(rows, [n, this.labels.length]);
  }

  /** Fetches the float32 weights, laid out as `source.specs`, the model's architecture expects. */
  static async load(source: DecoderSource, config: ModelConfig): Promise<PageVae> {
    const backend = await initPageBackend();
    const res = await fetch(source.weightsUri);
    if (!res.ok) throw new Error(`could not fetch the model weights (${res.status})`);
    return PageVae.fromWeights(new Float32Array(await res.arrayBuffer()), source.specs, config, backend);
  }

  /**
   * The page's model from the whole weights file: split by `specs`, which must be the layout the architecture
   * of `config` describes. Only what μ(x) and the decoder's mean read becomes tensors (logvar, a learned scale
   * are never needed here).
   */
  static fromWeights(all: Float32Array, specs: { name: string; shape: number[] }[], config: ModelConfig, backend = tf.getBackend()): PageVae {
    // one network pass per pixel: the job process samples it, with progress (the samples view asks it to)
    if (isAutoregressive(config)) throw new Error(l10n.t('an autoregressive PixelCNN decoder draws one pixel per network pass; its samples come from the job process'));
    const arch = describeModel(config);
    const layout = (list: { name: string; shape: number[] }[]) => list.map((w) => `${w.name}[${w.shape.join('×')}]`).join(', ');
    if (layout(specs) !== layout(arch.weights)) throw new Error(`the weights file lists ${layout(specs)}; this model needs ${layout(arch.weights)}`);
    const listed = specs.reduce((sum, s) => sum + specSize(s), 0);
    if (listed !== all.length) throw new Error(`the weights file has ${all.length} values, the manifest lists ${listed}`);
    const arrays = new Map<string, Float32Array>();
    let offset = 0;
    for (const s of specs) {
      arrays.set(s.name, all.subarray(offset, offset + specSize(s)));
      offset += specSize(s);
    }
    const used = [arch.encoder, arch.mu, arch.decoder].flatMap(weightNames);
    const tensors = new Map(used.map((name) => [name, tf.tensor(arrays.get(name)!, arch.weights.find((w) => w.name === name)!.shape)] as const));
    return new PageVae(arch, tensors, arrays, backend, config);
  }

  /** μ(x) for n images of uint8 pixels (N·H·W·C); a CVAE's μ(x, y) under `labels` (default: this.label). */
  encodeMu(pixels: ArrayLike<number>, n: number, labels?: ArrayLike<number>): Float32Array {
    const weight = lookupIn(this.tensors);
    const mu = tf.tidy(() => {
      const x = tf.div(tf.tensor2d(Float32Array.from(pixels), [n, pixels.length / n]), 255) as tf.Tensor2D;
      const y = this.condition(n, labels);
      return runNetwork(this.arch.mu, weight, runNetwork(this.arch.encoder, weight, x, pageOps, false, y), pageOps, false, y);
    });
    const out = mu.dataSync() as Float32Array;
    mu.dispose();
    return out;
  }

  /** E[x|z] for n codes (rows of latentDim), as uint8 pixels; a CVAE's E[x|z, y] under `labels` (default: this.label). */
  decode(codes: Float32Array, n: number, labels?: ArrayLike<number>): Uint8Array {
    if (n === 1) return decodeOneJs(this.arch, lookupIn(this.arrays), codes, this.conditionRows(1, labels));
    const out = tf.tidy(() => {
      const raw = runNetwork(this.arch.decoder, lookupIn(this.tensors), tf.tensor2d(codes, [n, this.latentDim]), pageOps, false, this.condition(n, labels));
      return tf.round(tf.mul(pageOps.sigmoid(raw), 255));
    });
    const bytes = Uint8Array.from(out.dataSync());
    out.dispose();
    return bytes;
  }

  dispose(): void {
    tf.dispose([...this.tensors.values()]);
  }
}

/** Plain tfjs ops: the page only infers, so no custom gradients. */
const pageOps: NetworkOps<tf.Tensor2D, tf.Tensor> = {
  dense(x, kernel, bias, activation) {
    const a = tf.add(tf.matMul(x, kernel as tf.Tensor2D), bias) as tf.Tensor2D;
    return activation === 'relu' ? tf.relu(a) : a;
  },
  // flat NHWC rows in and out, as the engine's conv layers (engine/networks/conv.ts)
  conv(x, kernel, bias, layer, activation) {
    const n = x.shape[0];
    const image = tf.reshape(x, [n, ...layer.inShape]) as tf.Tensor4D;
    const y =
      layer.op === 'conv2d'
        ? tf.conv2d(image, kernel as tf.Tensor4D, layer.strides, explicitPad(layer.pad))
        : tf.conv2dTranspose(image, kernel as tf.Tensor4D, [n, ...layer.outShape], layer.strides, explicitPad(layer.pad));
    const a = tf.add(y, bias);
    return tf.reshape(activation === 'relu' ? tf.relu(a) : a, [n, -1]) as tf.Tensor2D;
  },
  sigmoid: (x) => tf.sigmoid(x),
  concat: (x, c) => tf.concat([x, c], 1),
};

/** z ~ N(0, T²·I) from a seeded stream (Box–Muller), so a re-roll is reproducible within a session. */
export function priorCodes(n: number, dim: number, temperature: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = temperature * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return out;
}
