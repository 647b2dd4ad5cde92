// The decoder's mean E[x|z] for one code in plain JavaScript. For a single image (the latent pad, the edit
// sliders) this beats tfjs in the page: WebGL pays a GPU round trip per call (measured 174 ms p95 for a
// 400→12 288 decoder under headless Chromium's software GL), while these loops take a few ms on the CPU.
// Batches (sample grids, traversals) still go through tfjs. Both run the architecture's one description of the
// decoder (shared/network.ts); only the arithmetic differs.
import type { VaeArchitecture } from '../shared/architecture';
import { runNetwork, type NetworkOps, type WeightLookup } from '../shared/network';

/** One activation row; weights are the saved Float32Arrays (kernels [in, out] row-major, tfjs layout). */
export const jsOps: NetworkOps<Float32Array, Float32Array> = {
  dense(h, kernel, bias, activation) {
    const outSize = bias.length;
    const out = Float32Array.from(bias);
    for (let i = 0; i < h.length; i++) {
      const hi = h[i];
      // ReLU zeroes about half of a hidden layer: skipping those rows halves the work
      if (hi === 0) continue;
      const row = i * outSize;
      for (let j = 0; j < outSize; j++) out[j] += hi * kernel[row + j];
    }
    if (activation === 'relu') for (let j = 0; j < outSize; j++) out[j] = out[j] > 0 ? out[j] : 0;
    return out;
  },
  sigmoid(h) {
    const out = new Float32Array(h.length);
    for (let j = 0; j < h.length; j++) out[j] = 1 / (1 + Math.exp(-h[j]));
    return out;
  },
};

/** E[x|z] × 255, rounded: the same pixels as PageVae's tfjs path. */
export function decodeOneJs(arch: VaeArchitecture, weight: WeightLookup<Float32Array>, code: Float32Array): Uint8Array {
  const mean = jsOps.sigmoid(runNetwork(arch.decoder, weight, code, jsOps));
  const pixels = new Uint8Array(mean.length);
  for (let j = 0; j < mean.length; j++) pixels[j] = Math.round(mean[j] * 255);
  return pixels;
}
