// Image dimensions read from the header alone, so an image claiming 100000×100000 pixels (a decompression
// bomb) is refused before any pixel buffer is allocated, and the most common size can be found without decoding.
import { sniffFormat, type ImageFormat } from './sniff';

/** Bytes read from the start of a file to find its header: room for a JPEG frame header behind a large EXIF block. */
export const HEADER_BYTES = 65536;

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
  /** Colour type says gray (PNG colour types 0 and 4, a one-component JPEG): no pixel check needed. */
  gray: boolean;
}

/** PNG: the IHDR chunk must come first; width, height, bit depth, colour type start at byte 16. */
function pngHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 26) return null;
  const isIhdr = b[12] === 0x49 && b[13] === 0x48 && b[14] === 0x44 && b[15] === 0x52;
  if (!isIhdr) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const colorType = b[25];
  return { format: 'png', width: v.getUint32(16), height: v.getUint32(20), gray: colorType === 0 || colorType === 4 };
}

/** JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 except DHT, JPG, DAC). */
function jpegHeader(b: Uint8Array): ImageHeader | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    // standalone markers carry no length field
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      return { format: 'jpeg', height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8], gray: b[i + 9] === 1 };
    }
    if (marker === 0xda || marker === 0xd9) return null;
    i += 2 + ((b[i + 2] << 8) | b[i + 3]);
  }
  return null;
}

/** The header of a PNG or JPEG, or null when the bytes are neither or end before the header does. */
export function readHeader(bytes: Uint8Array): ImageHeader | null {
  const format = sniffFormat(bytes);
  if (format === 'png') return pngHeader(bytes);
  if (format === 'jpeg') return jpegHeader(bytes);
  return null;
}
