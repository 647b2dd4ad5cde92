// A dataset folder (or one IDX file) → one contiguous uint8 buffer of equally sized images, labels, and a
// report of every file that could not be used. Bad files never stop the load; an empty result does.
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { UserError } from '../shared/userError';
import { sampleOrder } from './sampleFiles';
import { reasonOf, type TargetSize } from './decodeFile';
import { decodeFiles, headerSizes } from './decodeFiles';
import { DEFAULT_MAX_PIXELS, ImageError, type DecodedImage } from './decodeImage';
import { DecodePool } from './decodePool';
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
  // with a limit, a seeded random sample of the folder's images (bad ones are replaced by the next in that order)
  const imageFiles = sampleOrder(
    files.filter((f) => IMAGE_EXTENSIONS.has(extname(f.path).toLowerCase())),
    opts.limit ?? Infinity,
  );
  const idxFiles = files.filter((f) => isIdxImagesName(basename(f.path)));
  const ignored = files.length - imageFiles.length - idxFiles.length - files.filter((f) => isIdxLabelsName(basename(f.path))).length;

  const pending: Pending[] = [];
  const limit = opts.limit ?? Infinity;
  const total = imageFiles.length + idxFiles.length;
  const pool = DecodePool.open(imageFiles.length, opts);
  let size: TargetSize;
  let resized = 0;
  try {
    size = opts.size ?? (await commonSize(imageFiles, idxFiles, maxPixels, pool));
    resized = await addImages(imageFiles, size, maxPixels, pool, { pending, skipped, limit, total, opts });
  } finally {
    await pool?.close();
  }
  // every image file was examined, or the limit was reached and stops this loop at once
  let done = imageFiles.length;
  for (const f of idxFiles) {
    if (pending.length >= limit) break;
    try {
      resized += await addIdx(f.path, size, limit - pending.length, pending);
    } catch (err) {
      skipped.push({ path: f.path, reason: reasonOf(err) });
    }
    opts.onProgress?.(++done, total);
  }
  const decodeThreads = pool?.healthy ? pool.threads : 0;
  const report: LoadReport = { root, loaded: pending.length, skipped, resized, channelConverted: 0, ignored, decodeThreads };
  if (pending.length === 0) throw new UserError(emptyMessage(root, report, imageFiles.length + idxFiles.length));
  return assemble(pending, size, report);
}

function emptyMessage(root: string, report: LoadReport, candidates: number): string {
  const parts = [`No usable images in ${root}`];
  if (candidates === 0) parts.push('(no PNG, JPEG or *-idx3-ubyte files found');
  else parts.push(`(${candidates} image file(s) found but none could be read`);
  parts.push(`; ${report.ignored ?? 0} other file(s) ignored, ${report.skipped.length} skipped)`);
  const first = report.skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`);
  return parts.join('') + (first.length ? `. First problems: ${first.join('; ')}` : '.');
}

/** Progress of the image files, and where their outcomes go. */
interface ImageSink {
  pending: Pending[];
  skipped: SkippedFile[];
  limit: number;
  total: number;
  opts: LoadOptions;
}

/** Decodes the image files in order until `limit` images are kept; returns how many of them were resized. */
async function addImages(files: ListedFile[], size: TargetSize, maxPixels: number, pool: DecodePool | null, sink: ImageSink): Promise<number> {
  const { pending, skipped, limit, total, opts } = sink;
  let resized = 0;
  let done = 0;
  if (pending.length >= limit) return 0;
  for await (const outcome of decodeFiles(files.map((f) => f.path), size, maxPixels, pool)) {
    const f = files[done];
    if ('reason' in outcome) {
      skipped.push({ path: f.path, reason: outcome.reason });
    } else {
      if (outcome.resized) resized++;
      pending.push({ image: outcome.image, label: f.group, source: f.path });
    }
    if (++done % 500 === 0) opts.onProgress?.(done, total);
    if (pending.length >= limit) break;
  }
  return resized;
}

/** The most common image size (from headers only), capped at 64×64. */
async function commonSize(imageFiles: ListedFile[], idxFiles: ListedFile[], maxPixels: number, pool: DecodePool | null) {
  const counts = new Map<string, number>();
  const bump = (w: number, h: number, n = 1) => counts.set(`${w}x${h}`, (counts.get(`${w}x${h}`) ?? 0) + n);
  const sizes = await headerSizes(imageFiles.map((f) => f.path), pool);
  for (let i = 0; i < imageFiles.length; i++) {
    const w = sizes[2 * i];
    const h = sizes[2 * i + 1];
    if (w > 0 && h > 0 && w * h <= maxPixels) bump(w, h);
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
