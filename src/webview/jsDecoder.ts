// The decoder's mean E[x|z] for one code in plain JavaScript. For a single image (the latent pad, the edit
// sliders) this beats tfjs in the page: WebGL pays a GPU round trip per call (measured 174 ms p95 for a
// 400→12 288 decoder under headless Chromium's software GL), while these loops take a few ms on the CPU.
// Batches (sample grids, traversals) still go through tfjs. Both run the architecture's one description of the
// decoder (shared/network.ts); only the arithmetic differs. A conv decoder's transposed convolutions are plain
// loops too (the 28×28 reference decoder is ~2.5 M multiply-adds, a few ms).
import type { VaeArchitecture } from '../shared/architecture';
import { runNetwork, type ConvLayer, type NetworkOps, type WeightLookup } from '../shared/network';

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
  conv(h, kernel, bias, layer, activation) {
    const out = layer.op === 'conv2d' ? conv2dJs(h, kernel, layer) : conv2dTransposeJs(h, kernel, layer);
    const cout = bias.length;
    for (let j = 0; j < out.length; j++) {
      const v = out[j] + bias[j % cout];
      out[j] = activation === 'relu' && v < 0 ? 0 : v;
    }
    return out;
  },
  sigmoid(h) {
    const out = new Float32Array(h.length);
    for (let j = 0; j < h.length; j++) out[j] = 1 / (1 + Math.exp(-h[j]));
    return out;
  },
  // a CVAE's one-hot label after the row
  concat(h, c) {
    const out = new Float32Array(h.length + c.length);
    out.set(h);
    out.set(c, h.length);
    return out;
  },
};

/** E[x|z] × 255, rounded: the same pixels as PageVae's tfjs path. `condition`: a CVAE's one-hot label. */
export function decodeOneJs(arch: VaeArchitecture, weight: WeightLookup<Float32Array>, code: Float32Array, condition?: Float32Array): Uint8Array {
  const mean = jsOps.sigmoid(runNetwork(arch.decoder, weight, code, jsOps, false, condition));
  const pixels = new Uint8Array(mean.length);
  for (let j = 0; j < mean.length; j++) pixels[j] = Math.round(mean[j] * 255);
  return pixels;
}

/** y[oy, ox, o] = Σ x[oy·s − p + ky, ox·s − p + kx, c] · W[ky, kx, c, o] (NHWC, kernel [kh, kw, in, out]), bias not added. */
function conv2dJs(x: Float32Array, w: Float32Array, layer: ConvLayer): Float32Array {
  const [h, wd, cin] = layer.inShape;
  const [oh, ow, cout] = layer.outShape;
  const [kh, kw] = layer.kernelSize;
  const [sy, sx] = layer.strides;
  const out = new Float32Array(oh * ow * cout);
  for (let oy = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      const o0 = (oy * ow + ox) * cout;
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * sy - layer.pad + ky;
        if (iy < 0 || iy >= h) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * sx - layer.pad + kx;
          if (ix < 0 || ix >= wd) continue;
          for (let c = 0; c < cin; c++) {
            const xv = x[(iy * wd + ix) * cin + c];
            if (xv === 0) continue;
            const w0 = ((ky * kw + kx) * cin + c) * cout;
            for (let o = 0; o < cout; o++) out[o0 + o] += xv * w[w0 + o];
          }
        }
      }
    }
  }
  return out;
}

// a transposed-conv kernel in [kh, kw, in, out] order, made once per kernel (see conv2dTransposeJs)
const inputMajor = new WeakMap<Float32Array, Float32Array>();

function inputMajorKernel(w: Float32Array, taps: number, cout: number, cin: number): Float32Array {
  let t = inputMajor.get(w);
  if (!t) {
    t = new Float32Array(w.length);
    for (let k = 0; k < taps; k++) for (let o = 0; o < cout; o++) for (let c = 0; c < cin; c++) t[(k * cin + c) * cout + o] = w[(k * cout + o) * cin + c];
    inputMajor.set(w, t);
  }
  return t;
}

/**
 * The transpose: each input pixel spreads x[iy, ix, c] · W[ky, kx, :, c] onto y[iy·s − p + ky, ix·s − p + kx, :]
 * (kernel [kh, kw, out, in], tfjs's layout for conv2dTranspose), bias not added. The kernel is read in
 * [kh, kw, in, out] order so that each input value scales one contiguous row, and the zeros ReLU left in x (about
 * half of them) are skipped.
 */
function conv2dTransposeJs(x: Float32Array, w: Float32Array, layer: ConvLayer): Float32Array {
  const [h, wd, cin] = layer.inShape;
  const [oh, ow, cout] = layer.outShape;
  const [kh, kw] = layer.kernelSize;
  const [sy, sx] = layer.strides;
  const wt = inputMajorKernel(w, kh * kw, cout, cin);
  const out = new Float32Array(oh * ow * cout);
  for (let iy = 0; iy < h; iy++) {
    for (let ix = 0; ix < wd; ix++) {
      const i0 = (iy * wd + ix) * cin;
      for (let ky = 0; ky < kh; ky++) {
        const oy = iy * sy - layer.pad + ky;
        if (oy < 0 || oy >= oh) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ox = ix * sx - layer.pad + kx;
          if (ox < 0 || ox >= ow) continue;
          const o0 = (oy * ow + ox) * cout;
          const k0 = (ky * kw + kx) * cin;
          for (let c = 0; c < cin; c++) {
            const xv = x[i0 + c];
            if (xv === 0) continue;
            const w0 = (k0 + c) * cout;
            for (let o = 0; o < cout; o++) out[o0 + o] += xv * wt[w0 + o];
          }
        }
      }
    }
  }
  return out;
}
