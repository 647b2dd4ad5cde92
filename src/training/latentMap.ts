// The latent map: μ(x) of up to `maxPoints` images of a model's dataset, projected to 2-D by PCA (a linear plane
// with an inverse: any point decodes) or UMAP (clusters kept, no inverse), with labels and thumbnails so the page
// can colour, hover and decode points.
import { subsetDataset } from '../data/split';
import type { VaeModel } from '../engine/models/base';
import { posteriorMeans } from '../engine/posteriorMeans';
import { pca2 } from '../engine/pca';
import { umap2 } from '../engine/umap2';
import type { LatentMap, Projection } from '../protocol/latentMap';
import type { Dataset } from '../shared/dataset';
import { loadModel } from '../store/modelStore';
import { UserError } from '../shared/userError';
import { spreadIndices } from '../shared/spread';
import { loadModelData } from './modelData';

/** The map of a model over its already-loaded dataset `all` (a spread of up to `maxPoints`); `seed` seeds UMAP. */
export async function latentMapOf(model: VaeModel, all: Dataset, maxPoints: number, method: Projection, seed: number): Promise<LatentMap> {
  const [h, w, c] = model.config.inputShape;
  const ds = subsetDataset(all, spreadIndices(all.count, maxPoints));
  const d = model.config.latentDim;
  const mus = await posteriorMeans(model, ds);
  // PCA is computed for UMAP too: its explained variance still describes the codes
  const p = pca2(mus, ds.count, d);
  return {
    method,
    points: method === 'umap' ? umap2(mus, ds.count, d, { seed }) : p.projected,
    codes: method === 'umap' ? mus : new Float32Array(0),
    count: ds.count,
    height: h,
    width: w,
    channels: c as 1 | 3,
    labels: ds.labels,
    labelNames: ds.labelNames,
    mean: Array.from(p.mean),
    components: [Array.from(p.components[0]), Array.from(p.components[1])],
    variances: p.variances,
    totalVariance: p.totalVariance,
    thumbnails: ds.images,
    sources: ds.sources,
  };
}

/** The same from a model folder, reading model and data once (the page tests' harness; the job process caches both). */
export async function buildLatentMap(modelDir: string, maxPoints: number, method: Projection = 'pca'): Promise<LatentMap> {
  const { model, manifest } = await loadModel(modelDir);
  try {
    const data = await loadModelData(manifest);
    if (!data.ds) throw new UserError(`The latent map needs the training data: ${data.problem}.`);
    return await latentMapOf(model, data.ds, maxPoints, method, manifest.training.seed);
  } finally {
    model.dispose();
  }
}
