// How much memory a dataset will take once loaded, estimated before loading anything but headers, so the editor
// can warn and offer a subset instead of letting a worker run out of memory half an hour in.
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { readFileHeader } from './decodeFile';
import { HEADER_BYTES } from './header';
import { capSize } from './resize';
import { IMAGE_EXTENSIONS, isIdxImagesName } from './sniff';
import { walkDataset } from './walk';

export interface MemoryEstimate {
  images: number;
  width: number;
  height: number;
  channels: 1 | 3;
  /** The loaded dataset: images × height × width × channels bytes (uint8). */
  bytes: number;
  /** Bytes of one loaded image (height × width × channels). */
  perImageBytes: number;
}

/** Headers of at most this many image files are read to guess the size and colour of the rest. */
const SAMPLED_HEADERS = 64;

export async function estimateDatasetMemory(root: string): Promise<MemoryEstimate> {
  const info = await stat(root);
  const files = info.isFile() ? [{ path: root }] : (await walkDataset(root)).files;
  const imageFiles = files.filter((f) => IMAGE_EXTENSIONS.has(extname(f.path).toLowerCase()));
  const idxFiles = files.filter((f) => isIdxImagesName(basename(f.path)));
  let images = imageFiles.length;
  let width = 0;
  let height = 0;
  let gray = true;
  // a spread of files, not the first few: folders sorted by class may start with an untypical one
  const step = Math.max(1, Math.floor(imageFiles.length / SAMPLED_HEADERS));
  const scratch = Buffer.alloc(HEADER_BYTES);
  for (let i = 0; i < imageFiles.length; i += step) {
    const h = readFileHeader(imageFiles[i].path, scratch);
    if (!h) continue;
    width = Math.max(width, h.width);
    height = Math.max(height, h.height);
    gray &&= h.gray;
  }
  for (const f of idxFiles) {
    const idx = await idxHeader(f.path).catch(() => null);
    if (!idx) continue;
    images += idx.count;
    width = Math.max(width, idx.width);
    height = Math.max(height, idx.height);
  }
  const size = width && height ? capSize(width, height) : { width: 0, height: 0 };
  const channels: 1 | 3 = gray ? 1 : 3;
  const perImageBytes = size.width * size.height * channels;
  return { images, width: size.width, height: size.height, channels, bytes: images * perImageBytes, perImageBytes };
}

/** The number of images to keep so the dataset fits in `limitBytes`. */
export function subsetFor(estimate: MemoryEstimate, limitBytes: number): number {
  return estimate.perImageBytes > 0 ? Math.max(1, Math.min(estimate.images, Math.floor(limitBytes / estimate.perImageBytes))) : estimate.images;
}

/** count, height, width from the 16-byte IDX header, gunzipping only that much of a .gz file. */
async function idxHeader(path: string): Promise<{ count: number; height: number; width: number }> {
  const fh = await open(path, 'r');
  let head: Uint8Array;
  try {
    const buf = new Uint8Array(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) head = await gunzipPrefix(head, 16);
  if (head.length < 16) throw new Error('short IDX header');
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (v.getUint32(0) !== 0x803) throw new Error('not an IDX image file');
  return { count: v.getUint32(4), height: v.getUint32(8), width: v.getUint32(12) };
}

/** The first `n` bytes of a gzip stream from its first compressed block. */
function gunzipPrefix(compressed: Uint8Array, n: number): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const gz = createGunzip();
    const chunks: Buffer[] = [];
    let got = 0;
    const finish = () => {
      gz.removeAllListeners();
      gz.on('error', () => undefined);
      gz.destroy();
      resolve(new Uint8Array(Buffer.concat(chunks)).subarray(0, n));
    };
    gz.on('data', (c: Buffer) => {
      chunks.push(c);
      got += c.length;
      if (got >= n) finish();
    });
    // a 4 KiB prefix ends mid-stream: the "unexpected end" error is expected once the header bytes are out
    gz.on('error', finish);
    gz.on('end', finish);
    gz.end(compressed);
  });
}
