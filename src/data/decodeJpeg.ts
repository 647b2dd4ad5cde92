// JPEG through jpeg-js: baseline and progressive, gray, YCbCr, and Adobe CMYK/YCCK (which jpeg-js converts to
// RGB). A four-component JPEG without the Adobe marker has no defined colour conversion and is refused.
import * as jpeg from 'jpeg-js';
import { fromRgba, type DecodedImage } from './channels';
import { ImageError } from './imageError';

/** Bytes jpeg-js holds per pixel while decoding (components, upsampled lines, RGBA output), with headroom. */
const BYTES_PER_PIXEL_BUDGET = 16;

export function decodeJpeg(bytes: Uint8Array, maxPixels: number, grayType: boolean): DecodedImage {
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: Math.max(64, Math.ceil((maxPixels * BYTES_PER_PIXEL_BUDGET) / 2 ** 20)),
    });
  } catch (err) {
    const msg = String((err as Error)?.message ?? err);
    if (/4 components/.test(msg)) {
      throw new ImageError('CMYK JPEG without an Adobe colour marker: its colours cannot be converted reliably; save it as RGB');
    }
    if (/color mode/i.test(msg)) throw new ImageError(`unsupported JPEG colour model: ${msg}`);
    throw new ImageError(`truncated or corrupt JPEG: ${msg}`);
  }
  return fromRgba(img.data, img.width, img.height, grayType);
}
