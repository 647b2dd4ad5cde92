// PNG: the chunks are checked here (pngChunks.ts) and the image data is inflated here, to exactly the length the
// header implies; only then do pngjs's row unfiltering and sample unpacking run. pngjs handles every bit depth
// (1–16), colour type, palette + tRNS and Adam7 interlacing, and scales 16-bit samples to 8 bits as
// round(v·255/65535). Its own inflater is not used: given an empty or short zlib stream it returned buffers
// it had never written, so a file without pixels decoded to leftover memory.
import { inflateSync } from 'node:zlib';
import { process as unfilter } from 'pngjs/lib/filter-parse-sync';
import { dataToBitMap } from 'pngjs/lib/bitmapper';
import normalise from 'pngjs/lib/format-normaliser';
import { getImagePasses } from 'pngjs/lib/interlace';
import { fromRgba, type DecodedImage } from './channels';
import { ImageError } from './imageError';
import { readPngStructure, type PngStructure } from './pngChunks';

const SAMPLES_PER_PIXEL: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Bytes of filtered image data the header implies: per row one filter byte and the packed samples (per pass if Adam7). */
function imageDataLength(s: PngStructure): number {
  const bitsPerPixel = SAMPLES_PER_PIXEL[s.colorType] * s.bitDepth;
  const rows = s.interlaced ? getImagePasses(s.width, s.height) : [{ width: s.width, height: s.height }];
  let total = 0;
  for (const r of rows) total += (Math.ceil((r.width * bitsPerPixel) / 8) + 1) * r.height;
  return total;
}

function inflateImageData(s: PngStructure): Buffer {
  const compressed = Buffer.concat(s.idat);
  if (compressed.length === 0) throw new ImageError('no image data (IDAT): its IDAT chunks are empty');
  const expected = imageDataLength(s);
  let raw: Buffer;
  try {
    raw = inflateSync(compressed, { maxOutputLength: expected });
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ImageError(`corrupt PNG: it holds more image data than its ${s.width}×${s.height} header allows`);
    if (code === 'Z_BUF_ERROR') throw new ImageError(`image data ends early: the compressed pixels stop before the ${s.width}×${s.height} image is complete (truncated PNG)`);
    throw new ImageError(`corrupt PNG: its compressed image data is damaged (zlib: ${message})`);
  }
  if (raw.length < expected) {
    throw new ImageError(`image data ends early: ${raw.length} of the ${expected} bytes of a ${s.width}×${s.height} image (truncated or cut PNG)`);
  }
  return raw;
}

/** pngjs's errors on data that inflated to the right length: a row filter that does not exist, a palette index past the end. */
function pixelError(err: unknown, s: PngStructure): ImageError {
  const msg = String((err as Error)?.message ?? err);
  const filter = /filter type - (\d+)/i.exec(msg);
  if (filter) return new ImageError(`corrupt PNG: a row uses filter type ${filter[1]}, which does not exist (0–4)`);
  const index = /index (\d+) not in palette/.exec(msg);
  if (index) return new ImageError(`corrupt PNG: a pixel uses palette entry ${index[1]} but the palette has ${s.palette?.length ?? 0} entries`);
  return new ImageError(`corrupt PNG: ${msg}`);
}

export function decodePng(bytes: Uint8Array): DecodedImage {
  const s = readPngStructure(bytes);
  const raw = inflateImageData(s);
  const info = {
    width: s.width,
    height: s.height,
    depth: s.bitDepth,
    bpp: SAMPLES_PER_PIXEL[s.colorType],
    interlace: s.interlaced,
    colorType: s.colorType,
    palette: s.palette,
    transColor: s.transColor,
  };
  let rgba: Buffer;
  try {
    rgba = normalise(dataToBitMap(unfilter(raw, info), info), info);
  } catch (err) {
    throw pixelError(err, s);
  }
  // colour types 0 (gray) and 4 (gray + alpha) are gray by declaration
  return fromRgba(rgba, s.width, s.height, s.colorType === 0 || s.colorType === 4);
}
