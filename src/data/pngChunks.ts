// The chunk structure of a PNG, checked against the PNG specification (ISO/IEC 15948, W3C PNG 2nd ed. §5, §11)
// before any pixel is decoded, so a broken file is refused with its true reason. pngjs's own parser reports
// some of these (a bad colour type) only as "unrecognised content at end of stream", and a file without image
// data reached its inflater, which then handed back uninitialised memory as pixels.
import * as zlib from 'node:zlib';
import { ImageError } from './imageError';

/** CRC-32 (ISO 3309, as PNG uses it): zlib's from Node 20.15 on, a table otherwise (engines allows Node 20.0). */
const crc32: (data: Uint8Array) => number = typeof zlib.crc32 === 'function' ? (d) => zlib.crc32(d) : tableCrc32;

let crcTable: Uint32Array | null = null;
export function tableCrc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** What decoding needs from the chunks: the header, the palette and transparency, and the image data. */
export interface PngStructure {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  /** Colour type 3: RGBA entries (tRNS alpha applied, 255 where it has none). */
  palette?: number[][];
  /** Colour types 0 and 2: the one sample value (gray) or RGB triple a tRNS chunk makes transparent. */
  transColor?: number[];
  /** The contents of the IDAT chunks, in order: together one zlib stream. */
  idat: Uint8Array[];
}

/** Allowed bit depths per colour type (PNG spec, table 11.1). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const COLOR_TYPE_NAMES: Record<number, string> = { 0: 'gray', 2: 'RGB', 3: 'palette', 4: 'gray + alpha', 6: 'RGBA' };
const MAX_U31 = 2 ** 31 - 1;

function corrupt(what: string): ImageError {
  return new ImageError(`corrupt PNG: ${what}`);
}

function chunkName(b: Uint8Array, at: number): string | null {
  let name = '';
  for (let i = 0; i < 4; i++) {
    const c = b[at + i];
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!letter) return null;
    name += String.fromCharCode(c);
  }
  return name;
}

function checkHeader(d: Uint8Array, v: DataView): Omit<PngStructure, 'idat'> {
  if (d.length !== 13) throw corrupt(`its IHDR chunk is ${d.length} bytes long, not 13`);
  const width = v.getUint32(0);
  const height = v.getUint32(4);
  const [bitDepth, colorType, compression, filter, interlace] = d.subarray(8, 13);
  if (width < 1 || height < 1 || width > MAX_U31 || height > MAX_U31) throw corrupt(`its header claims a ${width}×${height} image`);
  const depths = DEPTHS[colorType];
  if (!depths) throw corrupt(`colour type ${colorType} does not exist (PNG has 0, 2, 3, 4 and 6)`);
  if (!depths.includes(bitDepth)) {
    throw corrupt(`bit depth ${bitDepth} is not allowed for colour type ${colorType} (${COLOR_TYPE_NAMES[colorType]}: ${depths.join(', ')})`);
  }
  if (compression !== 0) throw corrupt(`compression method ${compression} does not exist (only 0)`);
  if (filter !== 0) throw corrupt(`filter method ${filter} does not exist (only 0)`);
  if (interlace > 1) throw corrupt(`interlace method ${interlace} does not exist (0 or 1)`);
  return { width, height, bitDepth, colorType, interlaced: interlace === 1 };
}

function readPalette(d: Uint8Array, h: Omit<PngStructure, 'idat'>): number[][] {
  const entries = d.length / 3;
  if (!Number.isInteger(entries) || entries < 1 || entries > 256) throw corrupt(`its PLTE chunk is ${d.length} bytes, not 3 × 1…256 entries`);
  if (h.colorType === 0 || h.colorType === 4) throw corrupt(`a ${COLOR_TYPE_NAMES[h.colorType]} image must not have a palette (PLTE)`);
  const palette: number[][] = [];
  for (let i = 0; i < entries; i++) palette.push([d[i * 3], d[i * 3 + 1], d[i * 3 + 2], 255]);
  return palette;
}

function applyTransparency(d: Uint8Array, v: DataView, s: Omit<PngStructure, 'idat'>): void {
  if (s.colorType === 3) {
    if (!s.palette) throw corrupt('its transparency (tRNS) comes before the palette (PLTE)');
    if (d.length > s.palette.length) throw corrupt(`its transparency (tRNS) has ${d.length} entries for a ${s.palette.length}-entry palette`);
    for (let i = 0; i < d.length; i++) s.palette[i][3] = d[i];
  } else if (s.colorType === 0 || s.colorType === 2) {
    const want = s.colorType === 0 ? 2 : 6;
    if (d.length !== want) throw corrupt(`its transparency (tRNS) is ${d.length} bytes, not ${want}`);
    s.transColor = s.colorType === 0 ? [v.getUint16(0)] : [v.getUint16(0), v.getUint16(2), v.getUint16(4)];
  } else {
    throw corrupt(`a ${COLOR_TYPE_NAMES[s.colorType]} image must not have a tRNS chunk (it has an alpha channel)`);
  }
}

/**
 * Walks the chunks from the signature to IEND. Refuses, naming the problem: a file that ends inside a chunk, a
 * wrong CRC on a chunk that decoding uses, a first chunk other than IHDR, an impossible colour type / bit depth,
 * a missing or misplaced palette, an unknown critical chunk, IDAT chunks that are not consecutive, no IDAT at all.
 * Bytes after IEND are ignored, as every decoder does.
 */
export function readPngStructure(b: Uint8Array): PngStructure {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let header: Omit<PngStructure, 'idat'> | null = null;
  const idat: Uint8Array[] = [];
  let idatEnded = false;
  let at = 8;
  for (;;) {
    if (at + 8 > b.length) {
      if (!header) throw new ImageError('truncated PNG: the file ends before its image header (IHDR)');
      if (idat.length === 0) throw new ImageError('no image data (IDAT): the PNG ends before any pixels');
      // A file cut exactly after a chunk but missing IEND: the zlib stream says whether the pixels are complete.
      if (at === b.length) return { ...header, idat };
      throw new ImageError('image data ends early: the file is cut after its image data, inside a chunk header (truncated PNG)');
    }
    const length = view.getUint32(at);
    const name = chunkName(b, at + 4);
    if (name === null) throw corrupt(`bytes at offset ${at + 4} are not a chunk name`);
    if (length > MAX_U31) throw corrupt(`its ${name} chunk claims ${length} bytes`);
    if (at + 12 + length > b.length) {
      if (name === 'IDAT' || idat.length > 0) throw new ImageError(`image data ends early: the file is cut inside its ${name} chunk (truncated PNG)`);
      throw new ImageError(`truncated PNG: the file ends inside its ${name} chunk, before any image data`);
    }
    const data = b.subarray(at + 8, at + 8 + length);
    const critical = name.charCodeAt(0) < 0x61;
    if ((critical || name === 'tRNS') && crc32(b.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) {
      throw corrupt(`the checksum (CRC) of its ${name} chunk is wrong: the file is damaged`);
    }
    const dataView = new DataView(b.buffer, b.byteOffset + at + 8, length);
    at += 12 + length;
    if (!header) {
      if (name !== 'IHDR') throw corrupt(`its first chunk is ${name}, not the image header IHDR`);
      header = checkHeader(data, dataView);
      continue;
    }
    if (name !== 'IDAT' && idat.length > 0) idatEnded = true;
    switch (name) {
      case 'IHDR':
        throw corrupt('it has two image headers (IHDR)');
      case 'PLTE':
        if (header.palette) throw corrupt('it has two palettes (PLTE)');
        if (idat.length > 0) throw corrupt('its palette (PLTE) comes after the image data');
        header.palette = readPalette(data, header);
        break;
      case 'tRNS':
        if (idat.length > 0) throw corrupt('its transparency (tRNS) comes after the image data');
        applyTransparency(data, dataView, header);
        break;
      case 'IDAT':
        if (idatEnded) throw corrupt('its image data (IDAT) chunks are not consecutive');
        if (header.colorType === 3 && !header.palette) throw corrupt('a palette image without a palette (PLTE) before its image data');
        idat.push(data);
        break;
      case 'IEND':
        if (idat.length === 0) throw new ImageError('no image data (IDAT): the PNG has a header but no pixels');
        return { ...header, idat };
      default:
        if (critical) throw new ImageError(`unsupported PNG: unknown critical chunk ${name}`);
    }
  }
}
