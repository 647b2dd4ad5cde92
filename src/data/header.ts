// Image dimensions read from the header alone, so an image claiming 100000×100000 pixels (a decompression
// bomb) is refused before any pixel buffer is allocated.
import type { ImageFormat } from './sniff';

export interface ImageHeader {
  width: number;
  height: number;
}

/** PNG: width and height are the first fields of the IHDR chunk at byte 16. */
function pngHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 24) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
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
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = (b[i + 2] << 8) | b[i + 3];
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8] };
    if (marker === 0xda) return null;
    i += 2 + len;
  }
  return null;
}

export function readHeader(format: ImageFormat, bytes: Uint8Array): ImageHeader | null {
  return format === 'png' ? pngHeader(bytes) : jpegHeader(bytes);
}
