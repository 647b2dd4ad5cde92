// The k-NN inspector's work in the job process: an image of the model's dataset and its nearest images in latent
// space over every image's μ(x) (cached per model, src/worker/modelCache.ts), and a search of the dataset by
// file name. Thumbnails come from the decoded dataset, so the panel needs no file access.
import type { ImageSearch, Neighbours, NeighbourTarget } from '../protocol/neighbours';
import { MAX_NEIGHBOURS, MAX_SEARCH_HITS, type DatasetImage, type LatentMetricName } from '../protocol/neighbours';
import type { Dataset } from '../shared/dataset';
import { codeOf, nearestNeighbours } from '../shared/knn';
import { UserError } from '../shared/userError';
import { exportPath } from './exportLatents';

/** Each image's path relative to the dataset, worked out once per decoded dataset (a search scans them all). */
const relativePaths = new WeakMap<Dataset, string[]>();
function pathsOf(ds: Dataset, root: string): string[] {
  let paths = relativePaths.get(ds);
  if (!paths) {
    paths = ds.sources.map((s) => exportPath(root, s));
    relativePaths.set(ds, paths);
  }
  return paths;
}

function imageOf(ds: Dataset, root: string, i: number): DatasetImage {
  return { index: i, path: pathsOf(ds, root)[i], label: ds.labels ? ds.labelNames[ds.labels[i]] : null };
}

function thumbnails(ds: Dataset, indices: number[]): Uint8Array {
  const per = ds.height * ds.width * ds.channels;
  const out = new Uint8Array(indices.length * per);
  indices.forEach((i, k) => out.set(ds.images.subarray(i * per, (i + 1) * per), k * per));
  return out;
}

/** The row of the target image: its index, or the image whose source path is `source` (a preview's image). */
export function targetIndex(ds: Dataset, target: NeighbourTarget): number {
  if (target.index !== undefined) {
    if (target.index >= ds.count) throw new UserError(`Image ${target.index} is not in the model's dataset (it has ${ds.count} images); compute the latent map again.`);
    return target.index;
  }
  if (target.source !== undefined) {
    const i = ds.sources.indexOf(target.source);
    if (i < 0) throw new UserError(`${target.source} is not among the images of the model's dataset.`);
    return i;
  }
  throw new UserError('Choose an image first: on the latent map, in the reconstructions, or by searching its name.');
}

/** The `k` nearest images to the target by `metric` over `mus` (ds.count × d, the whole dataset's μ). */
export function neighboursOf(ds: Dataset, root: string, mus: Float32Array, d: number, target: NeighbourTarget, k: number, metric: LatentMetricName): Neighbours {
  const q = targetIndex(ds, target);
  const kk = Math.min(k, MAX_NEIGHBOURS);
  const nearest = nearestNeighbours(mus, d, codeOf(mus, q, d), kk, metric, q);
  return {
    query: imageOf(ds, root, q),
    metric,
    k: kk,
    total: ds.count,
    height: ds.height,
    width: ds.width,
    channels: ds.channels,
    neighbours: nearest.map((n) => ({ image: imageOf(ds, root, n.index), distance: n.distance })),
    pixels: thumbnails(ds, [q, ...nearest.map((n) => n.index)]),
  };
}

/** Images whose path (relative to the dataset: folder and file name) contains `query`, case-insensitive; the first 50. */
export function searchImages(ds: Dataset, root: string, query: string): ImageSearch {
  const needle = query.trim().toLowerCase();
  const hits: number[] = [];
  let matches = 0;
  const paths = pathsOf(ds, root);
  if (needle) {
    for (let i = 0; i < ds.count; i++) {
      if (!paths[i].toLowerCase().includes(needle)) continue;
      matches++;
      if (hits.length < MAX_SEARCH_HITS) hits.push(i);
    }
  }
  return {
    query,
    matches,
    height: ds.height,
    width: ds.width,
    channels: ds.channels,
    hits: hits.map((i) => imageOf(ds, root, i)),
    pixels: thumbnails(ds, hits),
  };
}
