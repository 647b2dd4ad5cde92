// The dataset's μ summarised for the page (protocol/latentStats.ts): label centroids, per-dimension ranges and a
// Gaussian mixture fitted to the μ's, in the job process. μ of a spread of up to `maxImages` images is computed
// once per loaded model and kept, so asking for another number of components only refits the mixture.
import { subsetDataset } from '../data/split';
import { fitGmm, fitGmmByBic } from '../engine/gmm';
import { labelCentroids, muRange } from '../engine/labelCentroids';
import type { VaeModel } from '../engine/models/base';
import { posteriorMeans } from '../engine/posteriorMeans';
import type { LatentStats } from '../protocol/latentStats';
import type { Dataset } from '../shared/dataset';
import { spreadIndices } from '../shared/spread';

/** BIC tries K = 1 … this many components. */
const BIC_MAX_COMPONENTS = 10;
/** EM runs on at most this many μ's: the mixture needs the shape of the cloud, not every point, and EM costs n·K·d per iteration. */
const GMM_MAX_POINTS = 5000;

const means = new WeakMap<VaeModel, { ds: Dataset; mus: Float32Array }>();

async function musOf(model: VaeModel, all: Dataset, maxImages: number): Promise<{ ds: Dataset; mus: Float32Array }> {
  const known = means.get(model);
  if (known && known.ds.count === Math.min(all.count, maxImages)) return known;
  const ds = subsetDataset(all, spreadIndices(all.count, maxImages));
  const computed = { ds, mus: await posteriorMeans(model, ds) };
  means.set(model, computed);
  return computed;
}

/** `components` 0: the K of lowest BIC among 1 … 10; otherwise that many (at most the number of images). */
export async function latentStatsOf(model: VaeModel, all: Dataset, maxImages: number, components: number, seed: number): Promise<LatentStats> {
  const { ds, mus } = await musOf(model, all, maxImages);
  const d = model.config.latentDim;
  const n = ds.count;
  const labelled = ds.labels && ds.labelNames.length > 0 ? labelCentroids(mus, ds.labels, d, ds.labelNames.length) : null;
  const range = muRange(mus, n, d);
  const rows = spreadIndices(n, GMM_MAX_POINTS);
  const fitOn = rows.length;
  const points = fitOn === n ? mus : pickRows(mus, rows, d);
  const options = { seed };
  const byBic = components === 0 ? fitGmmByBic(points, fitOn, d, BIC_MAX_COMPONENTS, options) : null;
  const fit = byBic?.best ?? fitGmm(points, fitOn, d, Math.min(components, fitOn), options);
  return {
    count: n,
    labelNames: labelled ? ds.labelNames : [],
    centroids: labelled ? labelled.centroids : [],
    labelCounts: labelled ? labelled.counts : [],
    muMin: range.min,
    muMax: range.max,
    mixture: fit.mixture,
    chosenBy: byBic ? 'bic' : 'user',
    bics: byBic?.bics ?? [],
    logLikelihood: fit.logLikelihood / fitOn,
  };
}

function pickRows(mus: Float32Array, rows: ArrayLike<number>, d: number): Float32Array {
  const out = new Float32Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) out.set(mus.subarray(rows[r] * d, (rows[r] + 1) * d), r * d);
  return out;
}
