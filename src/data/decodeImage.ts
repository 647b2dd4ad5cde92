// Decoding with maintained npm decoders (pngjs, jpeg-js) into one plain shape: 8-bit pixels, gray or RGB,
// alpha composited over black. Black, because the datasets this tool targets (MNIST-like glyphs, sprites,
// icons) draw on a dark background; a transparent pixel then reads as "no ink".
import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';
import { readHeader } from './header';
import { describeStart, sniffFormat } from './sniff';

export interface DecodedImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

/** A file that cannot be used; the message is the reason shown in the load report. */
export class ImageError extends Error {}

export const DEFAULT_MAX_PIXELS = 50_000_000;

export function decodeImage(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): DecodedImage {
  const format = sniffFormat(bytes);
  if (!format) throw new ImageError(`not an image: ${describeStart(bytes)}`);
  const header = readHeader(format, bytes);
  if (!header) throw new ImageError(`truncated or corrupt ${format.toUpperCase()}: no image header found`);
  if (header.width < 1 || header.height < 1) throw new ImageError(`${format.toUpperCase()} header claims a ${header.width}×${header.height} image`);
  if (header.width * header.height > maxPixels) {
    throw new ImageError(
      `refused before decoding: the header claims ${header.width}×${header.height} pixels, more than the limit of ${maxPixels} (latentExplorer.maxImagePixels)`,
    );
  }
  return format === 'png' ? decodePng(bytes) : decodeJpeg(bytes, maxPixels);
}

function decodePng(bytes: Uint8Array): DecodedImage {
  let png;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new ImageError(`corrupt PNG: ${(err as Error).message}`);
  }
  const rgba = png.data;
  const gray = png.colorType === 0 || png.colorType === 4 || isGrayRgba(rgba);
  return fromRgba(rgba, png.width, png.height, gray);
}

function decodeJpeg(bytes: Uint8Array, maxPixels: number): DecodedImage {
  let img;
  try {
    img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: Math.ceil(maxPixels / 1e6),
      maxMemoryUsageInMB: 1024,
    });
  } catch (err) {
    const msg = String((err as Error)?.message ?? err);
    if (/color mode|components/i.test(msg)) throw new ImageError(`unsupported JPEG colour model: ${msg}`);
    throw new ImageError(`corrupt JPEG: ${msg}`);
  }
  const rgba = img.data as Uint8Array;
  return fromRgba(rgba, img.width, img.height, isGrayRgba(rgba));
}

function isGrayRgba(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  }
  return true;
}

/** RGBA → gray or RGB, compositing alpha over black: c·a/255. */
function fromRgba(rgba: Uint8Array, width: number, height: number, gray: boolean): DecodedImage {
  const n = width * height;
  const channels = gray ? 1 : 3;
  const data = new Uint8Array(n * channels);
  for (let p = 0, q = 0; p < n; p++) {
    const a = rgba[p * 4 + 3];
    if (gray) {
      data[q++] = a === 255 ? rgba[p * 4] : Math.round((rgba[p * 4] * a) / 255);
    } else {
      for (let c = 0; c < 3; c++) data[q++] = a === 255 ? rgba[p * 4 + c] : Math.round((rgba[p * 4 + c] * a) / 255);
    }
  }
  return { width, height, channels, data };
}
