// Area-averaging resize: each output pixel is the mean of the source area it covers, with fractional
// overlaps weighted by their length. Exact box filtering for integer factors, no aliasing when shrinking.
import type { DecodedImage } from './decodeImage';

interface Tap {
  index: number;
  weight: number;
}

/** For each output position, the source positions it covers and their normalised overlap weights. */
function axisTaps(src: number, dst: number): Tap[][] {
  const scale = src / dst;
  const taps: Tap[][] = [];
  for (let o = 0; o < dst; o++) {
    const start = o * scale;
    const end = start + scale;
    const row: Tap[] = [];
    for (let i = Math.floor(start); i < Math.min(src, Math.ceil(end)); i++) {
      const w = Math.min(end, i + 1) - Math.max(start, i);
      if (w > 1e-9) row.push({ index: i, weight: w / scale });
    }
    taps.push(row);
  }
  return taps;
}

export function resizeArea(img: DecodedImage, width: number, height: number): DecodedImage {
  if (img.width === width && img.height === height) return img;
  const c = img.channels;
  const xt = axisTaps(img.width, width);
  const yt = axisTaps(img.height, height);
  // horizontal pass into float rows, then vertical pass
  const tmp = new Float32Array(img.height * width * c);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (const t of xt[x]) s += t.weight * img.data[(y * img.width + t.index) * c + ch];
        tmp[(y * width + x) * c + ch] = s;
      }
    }
  }
  const out = new Uint8Array(width * height * c);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (const t of yt[y]) s += t.weight * tmp[(t.index * width + x) * c + ch];
        out[(y * width + x) * c + ch] = Math.max(0, Math.min(255, Math.round(s)));
      }
    }
  }
  return { width, height, channels: c, data: out };
}

/** Gray → RGB by replication, RGB → gray by ITU-R BT.601 luma. */
export function convertChannels(img: DecodedImage, channels: 1 | 3): DecodedImage {
  if (img.channels === channels) return img;
  const n = img.width * img.height;
  const out = new Uint8Array(n * channels);
  if (channels === 3) {
    for (let p = 0; p < n; p++) out[p * 3] = out[p * 3 + 1] = out[p * 3 + 2] = img.data[p];
  } else {
    for (let p = 0; p < n; p++) {
      out[p] = Math.round(0.299 * img.data[p * 3] + 0.587 * img.data[p * 3 + 1] + 0.114 * img.data[p * 3 + 2]);
    }
  }
  return { width: img.width, height: img.height, channels, data: out };
}

/** The default size: the given (most common) size, scaled down to fit within `cap`×`cap` keeping the aspect. */
export function capSize(width: number, height: number, cap = 64): { width: number; height: number } {
  const f = Math.min(1, cap / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}
