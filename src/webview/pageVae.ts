// The model runs in the page (tfjs: WebGL when the browser has it, else the cpu backend), from the saved weights
// the host serves as a webview resource, so samples, interpolations and traversals never wait for the extension host.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { Rng } from '../shared/rng';
import type { ModelConfig } from '../shared/types';
import type { DecoderSource } from '../protocol/webview';
import { decodeOneJs, type DenseWeights } from './jsDecoder';

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
  private constructor(
    private readonly encoderLayers: Layer[],
    private readonly decoderLayers: Layer[],
    private readonly decoderArrays: DenseWeights[],
    readonly latentDim: number,
    readonly backend: string,
  ) {}

  /** Fetches float32 weights laid out as `specs` and keeps the layers of μ(x) and of the decoder's mean. */
  static async load(source: DecoderSource, config: ModelConfig): Promise<PageVae> {
    const backend = await initPageBackend();
    const res = await fetch(source.weightsUri);
    if (!res.ok) throw new Error(`could not fetch the model weights (${res.status})`);
    const all = new Float32Array(await res.arrayBuffer());
    const byName = new Map<string, tf.Tensor>();
    const arrays = new Map<string, { values: Float32Array; shape: number[] }>();
    const listed = source.specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
    if (listed !== all.length) throw new Error(`the weights file has ${all.length} values, the manifest lists ${listed}`);
    let offset = 0;
    for (const s of source.specs) {
      const n = s.shape.reduce((a, b) => a * b, 1);
      const values = all.subarray(offset, offset + n);
      if (s.name !== 'decoder/logScale' && !s.name.startsWith('encoder/logvar')) byName.set(s.name, tf.tensor(values, s.shape));
      if (s.name.startsWith('decoder/') && s.name !== 'decoder/logScale') arrays.set(s.name, { values, shape: s.shape });
      offset += n;
    }
    const layers = (names: string[]) => names.map((name) => ({ kernel: byName.get(`${name}/kernel`) as tf.Tensor2D, bias: byName.get(`${name}/bias`) as tf.Tensor1D }));
    const encoder = layers([...config.hidden.map((_, i) => `encoder/dense${i}`), 'encoder/mu']);
    const decoder = layers([...config.hidden.map((_, i) => `decoder/dense${i}`), 'decoder/out']);
    if ([...encoder, ...decoder].some((l) => !l.kernel || !l.bias)) throw new Error('the weights do not contain the layers this model needs');
    const decoderArrays = [...config.hidden.map((_, i) => `decoder/dense${i}`), 'decoder/out'].map((name) => {
      const k = arrays.get(`${name}/kernel`)!;
      return { kernel: k.values, bias: arrays.get(`${name}/bias`)!.values, inSize: k.shape[0], outSize: k.shape[1] };
    });
    return new PageVae(encoder, decoder, decoderArrays, config.latentDim, backend);
  }

  /** μ(x) for n images of uint8 pixels (N·H·W·C): ReLU hidden layers, linear μ head. */
  encodeMu(pixels: ArrayLike<number>, n: number): Float32Array {
    const mu = tf.tidy(() => forward(tf.div(tf.tensor2d(Float32Array.from(pixels), [n, pixels.length / n]), 255) as tf.Tensor2D, this.encoderLayers, 'linear'));
    const out = mu.dataSync() as Float32Array;
    mu.dispose();
    return out;
  }

  /** E[x|z] for n codes (rows of latentDim), as uint8 pixels: sigmoid of the last layer, ReLU before it. */
  decode(codes: Float32Array, n: number): Uint8Array {
    if (n === 1) return decodeOneJs(this.decoderArrays, codes);
    const out = tf.tidy(() => tf.round(tf.mul(forward(tf.tensor2d(codes, [n, this.latentDim]), this.decoderLayers, 'sigmoid'), 255)));
    const bytes = Uint8Array.from(out.dataSync());
    out.dispose();
    return bytes;
  }

  dispose(): void {
    for (const l of [...this.encoderLayers, ...this.decoderLayers]) tf.dispose([l.kernel, l.bias]);
  }
}

interface Layer {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** Dense layers with ReLU between them and `last` on the output. */
function forward(x: tf.Tensor2D, layers: Layer[], last: 'linear' | 'sigmoid'): tf.Tensor2D {
  let h = x;
  layers.forEach((l, i) => {
    const a = tf.add(tf.matMul(h, l.kernel), l.bias) as tf.Tensor2D;
    h = i < layers.length - 1 ? tf.relu(a) : last === 'sigmoid' ? tf.sigmoid(a) : a;
  });
  return h;
}

/** z ~ N(0, T²·I) from a seeded stream (Box–Muller), so a re-roll is reproducible within a session. */
export function priorCodes(n: number, dim: number, temperature: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = temperature * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return out;
}
