// JPEG through jpeg-js: baseline, extended (SOF1) and progressive, 8-bit, Huffman-coded; gray, YCbCr, RGB, and
// Adobe CMYK/YCCK (which jpeg-js converts to RGB). The frame is read first (jpegFrame.ts): lossless,
// arithmetic-coded, hierarchical and 12-bit JPEGs are refused by name, and three-component images are decoded
// as RGB or YCbCr the way libjpeg decides. A four-component JPEG without the Adobe marker has no defined colour
// conversion and is refused.
import * as jpeg from 'jpeg-js';
import { fromRgba, type DecodedImage } from './channels';
import { ImageError } from './imageError';
import { checkJpegFrame, isRgbJpeg, readJpegFrame } from './jpegFrame';

/** Bytes jpeg-js holds per pixel while decoding (components, upsampled lines, RGBA output), with headroom. */
const BYTES_PER_PIXEL_BUDGET = 16;

export function decodeJpeg(bytes: Uint8Array, maxPixels: number, grayType: boolean): DecodedImage {
  const frame = readJpegFrame(bytes);
  if (frame) checkJpegFrame(frame);
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      // false: the three components are R, G, B already; undefined: jpeg-js converts from YCbCr
      colorTransform: frame && isRgbJpeg(frame) ? false : undefined,
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
