// The frame of a JPEG, read from its markers before decoding (ITU-T T.81 §B.2, Table B.1), so that the kinds of
// JPEG jpeg-js cannot decode are refused for what they are (jpeg-js calls them "unknown marker", which read as
// a corrupt file) and so that the colour space is decided the way libjpeg decides it.
import { ImageError } from './imageError';

export interface JpegFrame {
  /** n of the SOFn marker (0xFFC0 + n). */
  sof: number;
  /** Bits per sample: 8, or 12 (extended and progressive), 2–16 (lossless). */
  precision: number;
  componentIds: number[];
  jfif: boolean;
  /** The transform flag of an Adobe APP14 marker (0: none, i.e. RGB or CMYK; 1: YCbCr; 2: YCCK), if present. */
  adobeTransform?: number;
}

/** The JPEG's frame header and the markers before it; null when the walk finds no frame header (jpeg-js then says why). */
export function readJpegFrame(b: Uint8Array): JpegFrame | null {
  let jfif = false;
  let adobeTransform: number | undefined;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null;
    if (marker === 0xde) throw new ImageError('unsupported: hierarchical JPEG (DHP marker); save it as a baseline JPEG or PNG');
    const length = (b[i + 2] << 8) | b[i + 3];
    const start = i + 4;
    const end = i + 2 + length;
    if (length < 2 || end > b.length) return null;
    if (marker === 0xe0 && length >= 7 && String.fromCharCode(...b.subarray(start, start + 5)) === 'JFIF\0') jfif = true;
    if (marker === 0xee && length >= 14 && String.fromCharCode(...b.subarray(start, start + 5)) === 'Adobe') adobeTransform = b[start + 11];
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (length < 8) return null;
      const count = b[start + 5];
      const componentIds: number[] = [];
      for (let c = 0; c < count && start + 6 + c * 3 < end; c++) componentIds.push(b[start + 6 + c * 3]);
      return { sof: marker - 0xc0, precision: b[start], componentIds, jfif, adobeTransform };
    }
    i = end;
  }
  return null;
}

const LOSSLESS = new Set([3, 7, 11, 15]);
const ARITHMETIC = new Set([9, 10, 11, 13, 14, 15]);
const HIERARCHICAL = new Set([5, 6, 7, 13, 14, 15]);

/** Throws the true reason for a frame jpeg-js cannot decode correctly (it handles 8-bit SOF0, SOF1 and SOF2, Huffman-coded). */
export function checkJpegFrame(f: JpegFrame): void {
  const kinds: string[] = [];
  if (LOSSLESS.has(f.sof)) kinds.push('lossless JPEG');
  if (ARITHMETIC.has(f.sof)) kinds.push('arithmetic coding');
  if (HIERARCHICAL.has(f.sof)) kinds.push('hierarchical JPEG');
  if (kinds.length > 0) throw new ImageError(`unsupported: ${kinds.join(', ')} (SOF${f.sof}); save it as a baseline JPEG or PNG`);
  if (f.precision === 12) throw new ImageError(`unsupported: 12-bit JPEG (SOF${f.sof}, 12-bit samples); save it as an 8-bit JPEG or a 16-bit PNG`);
  if (f.precision !== 8) throw new ImageError(`corrupt JPEG: its frame header (SOF${f.sof}) claims ${f.precision}-bit samples`);
}

/**
 * Whether three components are YCbCr (to be converted) or RGB (used as they are), as libjpeg decides
 * (jdapimin.c): a JFIF marker means YCbCr; else an Adobe marker's transform 0 means RGB, any other YCbCr; else
 * component ids 'R', 'G', 'B' mean RGB. jpeg-js alone converts every three-component image it has no Adobe
 * transform ≠ 0 for, so an Adobe RGB JPEG got the YCbCr conversion and wrong colours.
 */
export function isRgbJpeg(f: JpegFrame): boolean {
  if (f.componentIds.length !== 3 || f.jfif) return false;
  if (f.adobeTransform !== undefined) return f.adobeTransform === 0;
  const [r, g, b] = f.componentIds;
  return r === 0x52 && g === 0x47 && b === 0x42;
}
