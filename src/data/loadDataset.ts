// A dataset folder (or one IDX file) → one contiguous uint8 buffer of equally sized images, labels, and a
// report of every file that could not be used. Bad files never stop the load; an empty result does.
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { UserError } from '../userError';
import { decodeImage, DEFAULT_MAX_PIXELS, ImageError, type DecodedImage } from './decodeImage';
import { readHeader } from './header';
import { labelsPathFor, readIdxImages, readIdxLabels } from './idx';
import { capSize, convertChannels, resizeArea } from './resize';
import { IMAGE_EXTENSIONS, isIdxImagesName, isIdxLabelsName } from './sniff';
import type { Dataset, LoadOptions, LoadReport, SkippedFile } from './types';
import { walkDataset, type ListedFile } from './walk';

/** One image on its way into the dataset, at its own size and channel count until the final pass. */
interface Pending {
  image: DecodedImage;
  label: string | null;
  source: string;
}

const UNLABELLED = '(root)';
const HEADER_BYTES = 65536;

export async function loadDataset(root: string, opts: LoadOptions = {}): Promise<Dataset> {
  const info = await stat(root).catch(() => null);
  if (!info) throw new UserError(`Dataset not found: ${root} does not exist.`);
  const skipped: SkippedFile[] = [];
  let files: ListedFile[];
  if (info.isFile()) {
    if (!isIdxImagesName(basename(root))) {
      throw new UserError(`${root} is a file; give a dataset folder, or an MNIST-style *-idx3-ubyte[.gz] file.`);
    }
    files = [{ path: root, group: null }];
  } else {
    const listing = await walkDataset(root);
    files = listing.files;
    skipped.push(...listing.skipped);
  }
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const imageFiles = files.filter((f) => IMAGE_EXTENSIONS.has(extname(f.path).toLowerCase()));
  const idxFiles = files.filter((f) => isIdxImagesName(basename(f.path)));
  const ignored = files.length - imageFiles.length - idxFiles.length - files.filter((f) => isIdxLabelsName(basename(f.path))).length;

  const size = opts.size ?? (await commonSize(imageFiles, idxFiles, maxPixels));
  const pending: Pending[] = [];
  const limit = opts.limit ?? Infinity;
  let resized = 0;
  const total = imageFiles.length + idxFiles.length;
  let done = 0;
  for (const f of imageFiles) {
    if (pending.length >= limit) break;
    try {
      const img = decodeImage(await readFile(f.path), maxPixels);
      if (img.width !== size.width || img.height !== size.height) resized++;
      pending.push({ image: resizeArea(img, size.width, size.height), label: f.group, source: f.path });
    } catch (err) {
      skipped.push({ path: f.path, reason: reasonOf(err) });
    }
    if (++done % 500 === 0) opts.onProgress?.(done, total);
  }
  for (const f of idxFiles) {
    if (pending.length >= limit) break;
    try {
      resized += await addIdx(f.path, size, limit - pending.length, pending);
    } catch (err) {
      skipped.push({ path: f.path, reason: reasonOf(err) });
    }
    opts.onProgress?.(++done, total);
  }
  const report: LoadReport = { root, loaded: pending.length, skipped, resized, channelConverted: 0, ignored };
  if (pending.length === 0) throw new UserError(emptyMessage(root, report, imageFiles.length + idxFiles.length));
  return assemble(pending, size, report);
}

function reasonOf(err: unknown): string {
  if (err instanceof ImageError) return err.message;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return `cannot read: ${code ?? (err as Error)?.message ?? String(err)}`;
}

function emptyMessage(root: string, report: LoadReport, candidates: number): string {
  const parts = [`No usable images in ${root}`];
  if (candidates === 0) parts.push('(no PNG, JPEG or *-idx3-ubyte files found');
  else parts.push(`(${candidates} image file(s) found but none could be read`);
  parts.push(`; ${report.ignored ?? 0} other file(s) ignored, ${report.skipped.length} skipped)`);
  const first = report.skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`);
  return parts.join('') + (first.length ? `. First problems: ${first.join('; ')}` : '.');
}

/** The most common image size (from headers only), capped at 64×64. */
async function commonSize(imageFiles: ListedFile[], idxFiles: ListedFile[], maxPixels: number) {
  const counts = new Map<string, number>();
  const bump = (w: number, h: number, n = 1) => counts.set(`${w}x${h}`, (counts.get(`${w}x${h}`) ?? 0) + n);
  for (const f of imageFiles) {
    const head = await readHead(f.path).catch(() => null);
    const h = head ? readHeader(head) : null;
    if (h && h.width > 0 && h.height > 0 && h.width * h.height <= maxPixels) bump(h.width, h.height);
  }
  for (const f of idxFiles) {
    const idx = await readIdxImages(f.path).catch(() => null);
    if (idx) bump(idx.width, idx.height, idx.count);
  }
  let best = '28x28';
  let bestN = -1;
  for (const [k, n] of counts) if (n > bestN) [best, bestN] = [k, n];
  const [w, h] = best.split('x').map(Number);
  return capSize(w, h, 64);
}

async function readHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEADER_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Adds the records of one IDX images file (and its labels, when the matching file exists); returns how many were resized. */
async function addIdx(path: string, size: { width: number; height: number }, room: number, pending: Pending[]): Promise<number> {
  const idx = await readIdxImages(path);
  let labels: Uint8Array | null = null;
  for (const candidate of labelsPathFor(path)) {
    if (await stat(candidate).catch(() => null)) {
      labels = await readIdxLabels(candidate);
      if (labels.length !== idx.count) {
        throw new ImageError(`its labels file ${basename(candidate)} has ${labels.length} labels for ${idx.count} images`);
      }
      break;
    }
  }
  const n = Math.min(idx.count, room);
  const per = idx.width * idx.height;
  for (let i = 0; i < n; i++) {
    const image: DecodedImage = { width: idx.width, height: idx.height, channels: 1, data: idx.pixels.subarray(i * per, (i + 1) * per) };
    pending.push({ image: resizeArea(image, size.width, size.height), label: labels ? String(labels[i]) : null, source: `${path}#${i}` });
  }
  return idx.width !== size.width || idx.height !== size.height ? n : 0;
}

/** Copies every image into one buffer with one channel count (gray only when all are gray) and numbers the labels. */
function assemble(pending: Pending[], size: { width: number; height: number }, report: LoadReport): Dataset {
  const channels: 1 | 3 = pending.every((p) => p.image.channels === 1) ? 1 : 3;
  const per = size.width * size.height * channels;
  const images = new Uint8Array(pending.length * per);
  const hasLabels = pending.some((p) => p.label !== null);
  const labelNames = hasLabels ? [...new Set(pending.map((p) => p.label ?? UNLABELLED))].sort(naturalCompare) : [];
  const labelIndex = new Map(labelNames.map((n, i) => [n, i]));
  const labels = hasLabels ? new Int32Array(pending.length) : null;
  pending.forEach((p, i) => {
    let img = p.image;
    if (img.channels !== channels) {
      img = convertChannels(img, channels);
      report.channelConverted++;
    }
    images.set(img.data, i * per);
    if (labels) labels[i] = labelIndex.get(p.label ?? UNLABELLED)!;
  });
  return {
    images,
    count: pending.length,
    height: size.height,
    width: size.width,
    channels,
    labels,
    labelNames,
    sources: pending.map((p) => p.source),
    report,
  };
}

/** "2" before "10", so IDX digit labels and numbered folders sort as people expect. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
