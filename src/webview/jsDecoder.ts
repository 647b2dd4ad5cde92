// The decoder's mean E[x|z] for one code in plain JavaScript. For a single image (the latent pad, the edit
// sliders) this beats tfjs in the page: WebGL pays a GPU round trip per call (measured 174 ms p95 for a
// 400→12 288 decoder under headless Chromium's software GL), while these loops take a few ms on the CPU.
// Batches (sample grids, traversals) still go through tfjs.

export interface DenseWeights {
  /** [in, out] row-major, as saved (tfjs layout). */
  kernel: Float32Array;
  bias: Float32Array;
  inSize: number;
  outSize: number;
}

/** ReLU hidden layers, sigmoid output, ×255 rounded: the same pixels as PageVae's tfjs path. */
export function decodeOneJs(layers: DenseWeights[], code: Float32Array): Uint8Array {
  let h = code;
  for (let l = 0; l < layers.length; l++) {
    const { kernel, bias, inSize, outSize } = layers[l];
    const out = Float32Array.from(bias);
    for (let i = 0; i < inSize; i++) {
      const hi = h[i];
      // ReLU zeroes about half of a hidden layer: skipping those rows halves the work
      if (hi === 0) continue;
      const row = i * outSize;
      for (let j = 0; j < outSize; j++) out[j] += hi * kernel[row + j];
    }
    if (l < layers.length - 1) for (let j = 0; j < outSize; j++) out[j] = out[j] > 0 ? out[j] : 0;
    h = out;
  }
  const pixels = new Uint8Array(h.length);
  for (let j = 0; j < h.length; j++) pixels[j] = Math.round(255 / (1 + Math.exp(-h[j])));
  return pixels;
}
