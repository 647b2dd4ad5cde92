// One image file's bytes → 8-bit gray or RGB pixels, refusing oversized images from their header before any
// pixel memory is allocated (a decompression-bomb guard).
import { decodeJpeg } from './decodeJpeg';
import { decodePng } from './decodePng';
import { readHeader } from './header';
import { ImageError } from './imageError';
import { readPngStructure } from './pngChunks';
import { describeStart, sniffFormat } from './sniff';
import type { DecodedImage } from './channels';

export { ImageError } from './imageError';
export type { DecodedImage } from './channels';

export const DEFAULT_MAX_PIXELS = 50_000_000;

export function decodeImage(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): DecodedImage {
  const format = sniffFormat(bytes);
  if (!format) throw new ImageError(describeStart(bytes));
  const name = format.toUpperCase();
  const header = readHeader(bytes);
  if (!header) {
    if (format === 'png') readPngStructure(bytes); // throws what is wrong: a cut file, another first chunk
    throw new ImageError(`truncated or corrupt ${name}: the file ends before its image header`);
  }
  if (header.width < 1 || header.height < 1) throw new ImageError(`corrupt ${name}: its header claims a ${header.width}×${header.height} image`);
  if (header.width * header.height > maxPixels) {
    throw new ImageError(
      `refused before decoding: the header claims ${header.width}×${header.height} pixels, more than the limit of ${maxPixels} (latentExplorer.maxImagePixels)`,
    );
  }
  return format === 'png' ? decodePng(bytes) : decodeJpeg(bytes, maxPixels, header.gray);
}
