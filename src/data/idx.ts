// MNIST-style IDX files: a big-endian header (magic 0x00000803 for uint8 images with 3 dimensions,
// 0x00000801 for uint8 labels), then the raw bytes. Optionally gzipped.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { ImageError } from './decodeImage';

export interface IdxImages {
  count: number;
  height: number;
  width: number;
  pixels: Uint8Array;
}

async function readMaybeGz(path: string): Promise<Uint8Array> {
  const raw = await readFile(path);
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch (err) {
      throw new ImageError(`corrupt gzip data: ${(err as Error).message}`);
    }
  }
  return raw;
}

export async function readIdxImages(path: string): Promise<IdxImages> {
  const b = await readMaybeGz(path);
  if (b.length < 16) throw new ImageError(`IDX image file too short (${b.length} bytes) for its 16-byte header`);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const magic = v.getUint32(0);
  if (magic !== 0x803) throw new ImageError(`not an IDX uint8 image file: magic number 0x${magic.toString(16)}, expected 0x803`);
  const count = v.getUint32(4);
  const height = v.getUint32(8);
  const width = v.getUint32(12);
  const expected = 16 + count * height * width;
  if (height < 1 || width < 1 || height > 4096 || width > 4096) throw new ImageError(`IDX header claims ${height}×${width} images`);
  if (b.length !== expected) throw new ImageError(`IDX header says ${count} images of ${height}×${width} (${expected} bytes) but the data has ${b.length} bytes`);
  return { count, height, width, pixels: b.subarray(16) };
}

export async function readIdxLabels(path: string): Promise<Uint8Array> {
  const b = await readMaybeGz(path);
  if (b.length < 8) throw new ImageError(`IDX label file too short (${b.length} bytes)`);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const magic = v.getUint32(0);
  if (magic !== 0x801) throw new ImageError(`not an IDX label file: magic number 0x${magic.toString(16)}, expected 0x801`);
  const count = v.getUint32(4);
  if (b.length !== 8 + count) throw new ImageError(`IDX label header says ${count} labels but the data has ${b.length - 8}`);
  return b.subarray(8);
}

/** The labels file that belongs to an images file: train-images-idx3-ubyte.gz → train-labels-idx1-ubyte.gz. */
export function labelsPathFor(imagesPath: string): string[] {
  const base = imagesPath.replace(/idx3-ubyte(\.gz)?$/i, 'idx1-ubyte').replace(/images(?=[^/]*$)/, 'labels');
  return [base + '.gz', base];
}
