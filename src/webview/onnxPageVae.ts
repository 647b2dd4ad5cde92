// An imported model in the page: its ONNX files run by onnxruntime-web (WebAssembly, one thread: webviews are not
// cross-origin isolated) from the model folder and the extension's dist/ (localResourceRoots; the CSP allows
// 'wasm-unsafe-eval'). The views decode synchronously (PageVae's API) but ONNX Runtime answers asynchronously, so
// decode and encodeMu answer from a cache: a request not yet computed returns the last result of the same size
// (or a blank) and starts the run; when it lands `onReady` asks for a redraw, which then finds it in the cache.
import * as ort from 'onnxruntime-web/wasm';
import { describeModel } from '../shared/architecture';
import type { ModelConfig } from '../shared/types';
import type { DecoderSource } from '../protocol/webview';
import { PageVae } from './pageVae';

const CACHE_SIZE = 64;

async function fetchBytes(uri: string, what: string): Promise<Uint8Array> {
  const res = await fetch(uri);
  if (!res.ok) throw new Error(`could not fetch ${what} (${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Shared by every fork: the sessions, the cache of answers, and the runs in flight. */
interface Core {
  encoder: ort.InferenceSession;
  decoder: ort.InferenceSession;
  cache: Map<string, Uint8Array | Float32Array>;
  pending: Set<string>;
  lastOfSize: Map<string, Uint8Array | Float32Array>;
}

let wasmReady: Promise<void> | null = null;

export class OnnxPageVae extends PageVae {
  /** Called when a run lands, so whoever drew a stand-in can draw again. */
  onReady: (() => void) | null = null;

  private constructor(
    private readonly core: Core,
    private readonly cfg: ModelConfig,
  ) {
    super(describeModel(cfg), new Map(), new Map(), 'onnxruntime-web (wasm)', cfg);
  }

  static override async load(source: DecoderSource, config: ModelConfig): Promise<OnnxPageVae> {
    const files = source.onnx;
    if (!files || !config.onnx) throw new Error('an imported model needs its ONNX files');
    wasmReady ??= (async () => {
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.wasmBinary = await fetchBytes(files.wasmUri, 'the ONNX Runtime WebAssembly binary');
    })();
    await wasmReady;
    const [enc, dec] = await Promise.all([fetchBytes(files.encoderUri, 'the encoder'), fetchBytes(files.decoderUri, 'the decoder')]);
    const encoder = await ort.InferenceSession.create(enc);
    const decoder = await ort.InferenceSession.create(dec);
    return new OnnxPageVae({ encoder, decoder, cache: new Map(), pending: new Set(), lastOfSize: new Map() }, config);
  }

  /** The same model and cache under a new identity: the store sees a change and the views redraw. */
  fork(): OnnxPageVae {
    const next = new OnnxPageVae(this.core, this.cfg);
    next.onReady = this.onReady;
    return next;
  }

  override get latentDim(): number {
    return this.cfg.latentDim;
  }

  override get labels(): readonly string[] {
    return [];
  }

  private answer<T extends Uint8Array | Float32Array>(kind: string, input: Float32Array, n: number, size: number, make: () => Promise<T>, blank: () => T): T {
    const key = cacheKey(kind, input, n);
    const hit = this.core.cache.get(key);
    if (hit) return hit as T;
    if (!this.core.pending.has(key)) {
      this.core.pending.add(key);
      make().then(
        (out) => {
          this.core.pending.delete(key);
          if (this.core.cache.size >= CACHE_SIZE) this.core.cache.delete(this.core.cache.keys().next().value!);
          this.core.cache.set(key, out);
          this.core.lastOfSize.set(`${kind}:${size}`, out);
          this.onReady?.();
        },
        () => this.core.pending.delete(key),
      );
    }
    return (this.core.lastOfSize.get(`${kind}:${size}`) as T | undefined) ?? blank();
  }

  /** μ(x) for n images of uint8 pixels (N·H·W·C). */
  override encodeMu(pixels: ArrayLike<number>, n: number): Float32Array {
    const [h, w, c] = this.cfg.inputShape;
    const x = Float32Array.from(pixels, (v) => v / 255);
    const spec = this.cfg.onnx!;
    return this.answer('mu', x, n, n * this.latentDim, async () => {
      const nchw = spec.layout === 'nchw';
      const data = nchw ? toNchw(x, n, h, w, c) : x;
      const out = await this.core.encoder.run({ [spec.io.x]: new ort.Tensor('float32', data, nchw ? [n, c, h, w] : [n, h, w, c]) });
      return Float32Array.from(out[spec.io.mu].data as Float32Array);
    }, () => new Float32Array(n * this.latentDim));
  }

  /** E[x|z] for n codes, as uint8 pixels (NHWC): the cached answer, or a stand-in while `decodeNow` runs. */
  override decode(codes: Float32Array, n: number): Uint8Array {
    const [h, w, c] = this.cfg.inputShape;
    const copy = Float32Array.from(codes);
    return this.answer('x', copy, n, n * h * w * c, () => this.decodeNow(copy, n), () => new Uint8Array(n * h * w * c));
  }

  /** Whether decode(codes, n) would give the model's answer now rather than a stand-in (the pad's latency meter). */
  hasDecoded(codes: Float32Array, n: number): boolean {
    return this.core.cache.has(cacheKey('x', codes, n));
  }

  /** One uncached run of the decoder: E[x|z] for n codes as uint8 pixels (NHWC). What decode's answers are made of. */
  async decodeNow(codes: Float32Array, n: number): Promise<Uint8Array> {
    const [h, w, c] = this.cfg.inputShape;
    const spec = this.cfg.onnx!;
    const out = await this.core.decoder.run({ [spec.io.z]: new ort.Tensor('float32', codes, [n, this.latentDim]) });
    const raw = out[spec.io.out].data as Float32Array;
    const nhwc = spec.layout === 'nchw' ? toNhwc(raw, n, h, w, c) : raw;
    const logits = spec.decoderOutput === 'logits';
    return Uint8Array.from(nhwc, (v) => Math.round(255 * Math.min(1, Math.max(0, logits ? 1 / (1 + Math.exp(-v)) : v))));
  }

  override dispose(): void {
    void this.core.encoder.release();
    void this.core.decoder.release();
  }
}

/** The cache's key: the request's kind, size and exact float bits. */
function cacheKey(kind: string, input: Float32Array, n: number): string {
  return `${kind}:${n}:${Array.from(new Uint32Array(input.buffer, input.byteOffset, input.length)).join(',')}`;
}

function toNchw(x: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < n; i++) for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) for (let k = 0; k < c; k++) out[((i * c + k) * h + y) * w + xx] = x[((i * h + y) * w + xx) * c + k];
  return out;
}

function toNhwc(x: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < n; i++) for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) for (let k = 0; k < c; k++) out[((i * h + y) * w + xx) * c + k] = x[((i * c + k) * h + y) * w + xx];
  return out;
}
