// The decoder runs in the page (tfjs: WebGL when the browser has it, else the cpu backend), from the saved
// weights the host serves as a webview resource, so samples and, later, sliders never wait for the extension host.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { Rng } from '../engine/random';
import type { ModelConfig } from '../engine/types';
import type { DecoderSource } from '../protocol/webview';

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

export class PageDecoder {
  private constructor(
    private readonly layers: { kernel: tf.Tensor2D; bias: tf.Tensor1D }[],
    readonly latentDim: number,
    readonly backend: string,
  ) {}

  /** Fetches float32 weights laid out as `specs` and keeps the decoder's layers (decoder/dense*, decoder/out). */
  static async load(source: DecoderSource, config: ModelConfig): Promise<PageDecoder> {
    const backend = await initPageBackend();
    const res = await fetch(source.weightsUri);
    if (!res.ok) throw new Error(`could not fetch the model weights (${res.status})`);
    const all = new Float32Array(await res.arrayBuffer());
    const byName = new Map<string, tf.Tensor>();
    let offset = 0;
    for (const s of source.specs) {
      const n = s.shape.reduce((a, b) => a * b, 1);
      if (s.name.startsWith('decoder/') && s.name !== 'decoder/logScale') byName.set(s.name, tf.tensor(all.subarray(offset, offset + n), s.shape));
      offset += n;
    }
    if (offset !== all.length) throw new Error(`the weights file has ${all.length} values, the manifest lists ${offset}`);
    const names = [...config.hidden.map((_, i) => `decoder/dense${i}`), 'decoder/out'];
    const layers = names.map((name) => ({ kernel: byName.get(`${name}/kernel`) as tf.Tensor2D, bias: byName.get(`${name}/bias`) as tf.Tensor1D }));
    if (layers.some((l) => !l.kernel || !l.bias)) throw new Error('the weights do not contain the decoder this model needs');
    return new PageDecoder(layers, config.latentDim, backend);
  }

  /** E[x|z] for n codes (rows of latentDim), as uint8 pixels: sigmoid of the last layer, ReLU before it. */
  decode(codes: Float32Array, n: number): Uint8Array {
    const out = tf.tidy(() => {
      let h: tf.Tensor2D = tf.tensor2d(codes, [n, this.latentDim]);
      this.layers.forEach((l, i) => {
        const a = tf.add(tf.matMul(h, l.kernel), l.bias) as tf.Tensor2D;
        h = i < this.layers.length - 1 ? tf.relu(a) : tf.sigmoid(a);
      });
      return tf.round(tf.mul(h, 255));
    });
    const bytes = Uint8Array.from(out.dataSync());
    out.dispose();
    return bytes;
  }

  dispose(): void {
    for (const l of this.layers) tf.dispose([l.kernel, l.bias]);
  }
}

/** z ~ N(0, T²·I) from a seeded stream (Box–Muller), so a re-roll is reproducible within a session. */
export function priorCodes(n: number, dim: number, temperature: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = temperature * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return out;
}
