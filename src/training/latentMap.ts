// The latent map: μ(x) of every image of a model's dataset, projected to 2-D by PCA (a linear plane with an
// inverse: any point decodes), by UMAP (clusters kept, no inverse) or onto a custom axis between two labels'
// centroids (linear like PCA). UMAP is fitted on a seeded sample of UMAP_SAMPLE codes and the rest are placed by
// its transform (engine/umapTransform.ts), unless the user asks for all of them, which reports progress and
// stops on cancel. The map carries positions and labels only; images travel on request (mapImagesOf).
import { subsetDataset } from '../data/split';
import type { VaeModel } from '../engine/models/base';
import { customPlane, labelAxis, labelCentroids } from '../engine/customAxes';
import { nearestNeighbours } from '../engine/knn';
import { posteriorMeans } from '../engine/posteriorMeans';
import { pca2 } from '../engine/pca';
import { umap2, umapNeighbours } from '../engine/umap2';
import { placeByNeighbours } from '../engine/umapTransform';
import { UMAP_SAMPLE, type LatentMap, type MapImages, type MapProgress, type MapSpec } from '../protocol/latentMap';
import type { Dataset } from '../shared/dataset';
import { Rng } from '../shared/rng';
import { UserError } from '../shared/userError';
import { loadModel } from '../store/modelStore';
import { loadModelData } from './modelData';
import { priorOverlay } from './priorOverlay';

export interface MapHooks {
  progress?(p: MapProgress): void;
  /** Polled between blocks of work; true stops the map with a "cancelled" UserError. */
  cancelled?(): boolean;
}

/** The error a cancelled map ends with (the host, which asked for the cancel, shows it as a notice). */
export class MapCancelled extends UserError {
  constructor() {
    super('The latent map was cancelled.');
  }
}

/** μ(x) of a whole dataset, kept per model object (a new checkpoint is a new object), so switching projection does not encode again. */
const codesOf = new WeakMap<VaeModel, { ds: Dataset; codes: Float32Array }>();

async function datasetCodes(model: VaeModel, ds: Dataset): Promise<Float32Array> {
  const hit = codesOf.get(model);
  if (hit?.ds === ds) return hit.codes;
  const codes = await posteriorMeans(model, ds);
  codesOf.set(model, { ds, codes });
  return codes;
}

/** A seeded sample of `m` of 0..n−1, ascending. */
export function seededSample(n: number, m: number, seed: number): Int32Array {
  return new Rng(seed).permutation(n).slice(0, m).sort();
}

/** UMAP on `fit` of the codes (all when fit = null), the others placed by their neighbours among them. */
export async function umapPlane(codes: Float32Array, n: number, d: number, fit: Int32Array | null, seed: number, hooks: MapHooks): Promise<Float32Array> {
  const cancelled = () => hooks.cancelled?.() ?? false;
  const onProgress = (stage: 'neighbours' | 'layout', done: number, total: number) => hooks.progress?.({ stage, done, total });
  if (!fit) {
    const all = await umap2(codes, n, d, { seed, onProgress, cancelled });
    if (!all) throw new MapCancelled();
    return all;
  }
  const m = fit.length;
  const fitCodes = new Float32Array(m * d);
  const inFit = new Uint8Array(n);
  fit.forEach((i, r) => {
    fitCodes.set(codes.subarray(i * d, (i + 1) * d), r * d);
    inFit[i] = 1;
  });
  const embedding = await umap2(fitCodes, m, d, { seed, onProgress, cancelled });
  if (!embedding) throw new MapCancelled();
  const rest = Int32Array.from({ length: n }, (_, i) => i).filter((i) => !inFit[i]);
  const restCodes = new Float32Array(rest.length * d);
  rest.forEach((i, r) => restCodes.set(codes.subarray(i * d, (i + 1) * d), r * d));
  const nb = await nearestNeighbours(restCodes, rest.length, fitCodes, m, d, umapNeighbours(m), {
    onBlock: (done, total) => {
      hooks.progress?.({ stage: 'placing', done, total });
      return !cancelled();
    },
  });
  if (!nb) throw new MapCancelled();
  const placed = placeByNeighbours(nb, rest.length, embedding);
  const out = new Float32Array(n * 2);
  fit.forEach((i, r) => out.set(embedding.subarray(2 * r, 2 * r + 2), 2 * i));
  rest.forEach((i, r) => out.set(placed.subarray(2 * r, 2 * r + 2), 2 * i));
  return out;
}

/** `path` relative to the dataset folder when it lies inside it (IDX records keep their `file#index`). */
const relativeTo = (root: string | undefined, path: string) => {
  if (!root) return path;
  const r = root.replace(/[\\/]+$/, '');
  return path.startsWith(r + '/') || path.startsWith(r + '\\') ? path.slice(r.length + 1) : path;
};

/** The map of a model over its already-loaded dataset `all`; `seed` seeds UMAP and its sample. */
export async function latentMapOf(model: VaeModel, all: Dataset, spec: MapSpec, seed: number, root?: string, hooks: MapHooks = {}): Promise<LatentMap> {
  const [h, w, c] = model.config.inputShape;
  // a prefix, not a spread: point i stays image i of the dataset (tests and benchmarks only ask for fewer)
  const ds = spec.maxPoints && spec.maxPoints < all.count ? subsetDataset(all, Int32Array.from({ length: spec.maxPoints }, (_, i) => i)) : all;
  const n = ds.count;
  const d = model.config.latentDim;
  hooks.progress?.({ stage: 'encoding', done: 0, total: n });
  const mus = ds === all ? await datasetCodes(model, ds) : await posteriorMeans(model, ds);
  hooks.progress?.({ stage: 'encoding', done: n, total: n });
  // PCA is computed for every method: its explained variance still describes the codes
  const p = pca2(mus, n, d);
  let plane = { mean: p.mean, components: p.components, variances: p.variances, projected: p.projected };
  let axisNames: [string, string] = ['PC 1', 'PC 2'];
  let points = p.projected;
  let fitted = 0;
  if (spec.method === 'umap') {
    const fit = spec.umapAll || n <= UMAP_SAMPLE ? null : seededSample(n, UMAP_SAMPLE, seed);
    points = await umapPlane(mus, n, d, fit, seed, hooks);
    fitted = fit ? fit.length : n;
    axisNames = ['UMAP 1', 'UMAP 2'];
  } else if (spec.method === 'custom') {
    if (!ds.labels) throw new UserError('A custom projection needs labelled data: the dataset has no label folders.');
    const axes = spec.axes;
    const names = ds.labelNames;
    if (!axes || [...axes.x, ...(axes.y ?? [])].some((l) => l >= names.length)) throw new UserError(`A custom projection needs two labels of ${names.length} for each axis.`);
    const centroids = labelCentroids(mus, ds.labels, names.length, d);
    const u = labelAxis(centroids, axes.x[0], axes.x[1]);
    const v = axes.y ? labelAxis(centroids, axes.y[0], axes.y[1]) : 'pca';
    if (!u || !v) throw new UserError('A custom axis needs two labels that both have images and different centroids.');
    plane = customPlane(mus, n, d, u, v);
    points = plane.projected;
    axisNames = [`${names[axes.x[0]]} → ${names[axes.x[1]]}`, axes.y ? `${names[axes.y[0]]} → ${names[axes.y[1]]}` : 'PC 1 ⟂'];
  }
  const map: LatentMap = {
    method: spec.method,
    count: n,
    height: h,
    width: w,
    channels: c as 1 | 3,
    points,
    labels: ds.labels,
    labelNames: ds.labelNames,
    axisNames,
    fitted,
    mean: Array.from(plane.mean),
    components: [Array.from(plane.components[0]), Array.from(plane.components[1])],
    variances: plane.variances,
    totalVariance: p.totalVariance,
    sources: ds.sources.map((s) => relativeTo(root, s)),
  };
  const overlay = await priorOverlay(model, map, mus);
  return overlay ? { ...map, overlay } : map;
}

/** The images and μ(x) of some points of the map (indices in the dataset's order). */
export async function mapImagesOf(model: VaeModel, ds: Dataset, indices: Int32Array): Promise<MapImages> {
  const bad = indices.find((i) => i < 0 || i >= ds.count);
  if (bad !== undefined) throw new UserError(`The latent map has no image ${bad}: the dataset has ${ds.count}.`);
  const sub = subsetDataset(ds, indices);
  const cached = codesOf.get(model);
  const d = model.config.latentDim;
  let codes: Float32Array;
  if (cached?.ds === ds) {
    codes = new Float32Array(indices.length * d);
    indices.forEach((i, r) => codes.set(cached.codes.subarray(i * d, (i + 1) * d), r * d));
  } else codes = await posteriorMeans(model, sub);
  return { indices, height: sub.height, width: sub.width, channels: sub.channels, pixels: sub.images, codes };
}

/** The same from a model folder, reading model and data once (the page tests' harness; the job process caches both). */
export async function buildLatentMap(modelDir: string, spec: MapSpec): Promise<LatentMap> {
  const { model, manifest } = await loadModel(modelDir);
  try {
    const data = await loadModelData(manifest);
    if (!data.ds) throw new UserError(`The latent map needs the training data: ${data.problem}.`);
    return await latentMapOf(model, data.ds, spec, manifest.training.seed, manifest.dataset.root);
  } finally {
    model.dispose();
  }
}
