// Area-averaging resize (a box filter): each output pixel is the mean of the source area it covers, partial
// pixels weighted by their overlap. Exact block means for integer factors, no aliasing when shrinking, and
// plain pixel replication (blended only across source-pixel edges) when enlarging.
import { convertChannels, type DecodedImage } from './channels';

export { convertChannels };

/** Source taps of one axis, flattened: output o reads indices[offsets[o] .. offsets[o+1]) with those weights. */
interface AxisTaps {
  offsets: Int32Array;
  indices: Int32Array;
  weights: Float64Array;
}

/** out[o] = Σ_i |[o·s, (o+1)·s) ∩ [i, i+1)| · in[i] / s, with s = src/dst. */
function axisTaps(src: number, dst: number): AxisTaps {
  const scale = src / dst;
  const offsets = new Int32Array(dst + 1);
  const idx: number[] = [];
  const wts: number[] = [];
  for (let o = 0; o < dst; o++) {
    offsets[o] = idx.length;
    const start = o * scale;
    const end = (o + 1) * scale;
    const last = Math.min(src, Math.ceil(end));
    for (let i = Math.floor(start); i < last; i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 1e-12) {
        idx.push(i);
        wts.push(overlap / scale);
      }
    }
  }
  offsets[dst] = idx.length;
  return { offsets, indices: Int32Array.from(idx), weights: Float64Array.from(wts) };
}

export function resizeArea(img: DecodedImage, width: number, height: number): DecodedImage {
  if (img.width === width && img.height === height) return img;
  const c = img.channels;
  const sw = img.width;
  const sh = img.height;
  const src = img.data;
  const xt = axisTaps(sw, width);
  const yt = axisTaps(sh, height);
  // separable: rows first into a float buffer (no rounding in between), then columns
  const rows = new Float64Array(sh * width * c);
  for (let y = 0; y < sh; y++) {
    const rowIn = y * sw * c;
    const rowOut = y * width * c;
    for (let x = 0; x < width; x++) {
      const t0 = xt.offsets[x];
      const t1 = xt.offsets[x + 1];
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let t = t0; t < t1; t++) s += xt.weights[t] * src[rowIn + xt.indices[t] * c + ch];
        rows[rowOut + x * c + ch] = s;
      }
    }
  }
  const out = new Uint8Array(width * height * c);
  const stride = width * c;
  for (let y = 0; y < height; y++) {
    const t0 = yt.offsets[y];
    const t1 = yt.offsets[y + 1];
    const rowOut = y * stride;
    for (let k = 0; k < stride; k++) {
      let s = 0;
      for (let t = t0; t < t1; t++) s += yt.weights[t] * rows[yt.indices[t] * stride + k];
      // the tiny epsilon keeps exact halves (e.g. mean 12.5) from rounding down through float error
      const v = Math.round(s + 1e-9);
      out[rowOut + k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { width, height, channels: c, data: out };
}

/** The default size: the given (most common) size, scaled down to fit within `cap`×`cap` keeping the aspect. */
export function capSize(width: number, height: number, cap = 64): { width: number; height: number } {
  const f = Math.min(1, cap / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}
