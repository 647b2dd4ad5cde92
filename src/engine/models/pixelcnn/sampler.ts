// Ancestral sampling from a PixelCNN decoder: x_i ~ Bern(σ(l_i(x_<i, z))) in raster order, one network pass per
// pixel. A pass does not need the whole image: the logit of pixel (r, c) depends only on rows r − up … r and
// columns c − left … c + right (the receptive field, shared/networks/pixelcnn.ts), so each pass runs the stack on
// that window. Inside the window, positions near a cut edge see zero padding where the image has pixels, but
// nothing computed from them reaches (r, c): each layer's reach is counted in the field. (The test compares the
// logits used here with one full-image pass over the finished sample.)
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../../shared/rng';
import type { PixelCnnVae } from './pixelcnnVae';

export interface SamplingHooks {
  /** After each row: pixels drawn so far of every image, and the total (H·W). */
  onProgress?(done: number, total: number): void;
  /** Polled between rows; true stops the sampling (the result is then null). */
  cancelled?(): boolean;
}

/** The draws of a batch of codes, row by row; dispose() frees the conditioning. */
class RowSampler {
  readonly height: number;
  readonly width: number;
  readonly pixels: Float32Array;
  /** The logit each pixel was drawn from (for the windowing test). */
  readonly logits: Float32Array;
  private readonly cond: (tf.Tensor2D | null)[];
  private readonly rng: Rng;
  private readonly n: number;

  constructor(private readonly model: PixelCnnVae, z: tf.Tensor2D, seed: number) {
    [this.height, this.width] = model.config.inputShape;
    this.n = z.shape[0];
    this.pixels = new Float32Array(this.n * this.height * this.width);
    this.logits = new Float32Array(this.pixels.length);
    // one matMul per layer, held until dispose()
    this.cond = model.conditioning(z);
    this.rng = new Rng(seed);
  }

  sampleRow(r: number): void {
    const { up, left, right } = this.model.pixelcnn.receptiveField;
    const { height: h, width: w, n } = this;
    const r0 = Math.max(0, r - up);
    const rh = r - r0 + 1;
    for (let c = 0; c < w; c++) {
      const c0 = Math.max(0, c - left);
      const cw = Math.min(w - 1, c + right) - c0 + 1;
      const window = new Float32Array(n * rh * cw);
      for (let b = 0; b < n; b++) {
        for (let y = 0; y < rh; y++) window.set(this.pixels.subarray(b * h * w + (r0 + y) * w + c0, b * h * w + (r0 + y) * w + c0 + cw), (b * rh + y) * cw);
      }
      const out = tf.tidy(() => this.model.logitsOf(tf.tensor4d(window, [n, rh, cw, 1]), this.cond));
      const logits = out.dataSync();
      out.dispose();
      for (let b = 0; b < n; b++) {
        const l = logits[(b * rh + (r - r0)) * cw + (c - c0)];
        const at = b * h * w + r * w + c;
        this.logits[at] = l;
        this.pixels[at] = this.rng.next() < 1 / (1 + Math.exp(-l)) ? 1 : 0;
      }
    }
  }

  dispose(): void {
    tf.dispose(this.cond.filter((t): t is tf.Tensor2D => t !== null));
  }
}

/** x ~ p(x|z) for every row of z ([n, H·W] binary pixels, row-major), yielding to the event loop after each row. */
export async function sampleSequential(model: PixelCnnVae, z: tf.Tensor2D, seed: number, hooks: SamplingHooks = {}): Promise<Float32Array | null> {
  const s = new RowSampler(model, z, seed);
  try {
    for (let r = 0; r < s.height; r++) {
      if (hooks.cancelled?.()) return null;
      s.sampleRow(r);
      hooks.onProgress?.((r + 1) * s.width, s.height * s.width);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return s.pixels;
  } finally {
    s.dispose();
  }
}

/** The same draws without yielding (a synchronous decode), with the logit each pixel was drawn from. */
export function sampleSequentialSync(model: PixelCnnVae, z: tf.Tensor2D, seed: number): { pixels: Float32Array; logits: Float32Array } {
  const s = new RowSampler(model, z, seed);
  try {
    for (let r = 0; r < s.height; r++) s.sampleRow(r);
    return { pixels: s.pixels, logits: s.logits };
  } finally {
    s.dispose();
  }
}
