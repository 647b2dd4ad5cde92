// The dataset's μ summarised for the page (protocol/latentStats.ts): label centroids, per-dimension ranges and a
// Gaussian mixture fitted to the μ's, in the job process. The μ of every image comes from the model cache
// (computed once per checkpoint, shared with the nearest-neighbour search), so asking for another number of
// components only refits the mixture.
import { fitGmm, fitGmmByBic } from '../engine/gmm';
import { labelCentroids, muRange } from '../engine/labelCentroids';
import type { LatentStats } from '../protocol/latentStats';
import type { Dataset } from '../shared/dataset';
import { spreadIndices } from '../shared/spread';

/** BIC tries K = 1 … this many components. */
const BIC_MAX_COMPONENTS = 10;
/** EM runs on at most this many μ's (a spread): the mixture needs the shape of the cloud, not every point, and EM costs n·K·d per iteration. */
const GMM_MAX_POINTS = 2000;

/** `mus`: ds.count × d, row-major. `components` 0: the K of lowest BIC among 1 … 10; otherwise that many (at most the number of images). */
export function latentStatsOf(ds: Dataset, mus: Float32Array, d: number, components: number, seed: number): LatentStats {
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
