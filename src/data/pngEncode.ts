// Writing pixels out: PNG encoding (pngjs) and contact-sheet grids for samples and reconstructions.
import { PNG } from 'pngjs';

export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Buffer {
  const png = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) png.data[p * 4 + c] = pixels[p * channels + (channels === 1 ? 0 : c)];
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: channels === 1 ? 0 : 2 });
}

const GAP = 2;

/** `count` images (contiguous N·H·W·C) laid out in rows of `columns`, with a 2-pixel dark gap between cells. */
export function imageGrid(images: Uint8Array, count: number, height: number, width: number, channels: 1 | 3, columns: number) {
  const cols = Math.max(1, Math.min(columns, count));
  const rows = Math.max(1, Math.ceil(count / cols));
  const gw = cols * width + (cols + 1) * GAP;
  const gh = rows * height + (rows + 1) * GAP;
  const pixels = new Uint8Array(gw * gh * channels);
  for (let i = 0; i < count; i++) {
    const ox = GAP + (i % cols) * (width + GAP);
    const oy = GAP + Math.floor(i / cols) * (height + GAP);
    for (let y = 0; y < height; y++) {
      const src = (i * height * width + y * width) * channels;
      pixels.set(images.subarray(src, src + width * channels), ((oy + y) * gw + ox) * channels);
    }
  }
  return { pixels, width: gw, height: gh };
}
