// Compute Metrics / `latent-explorer metrics`: every metric of engine/metrics/ on a model's data, step by step with
// progress and a cancel between steps. Images: a spread of up to `maxImages` of the dataset; the sample-quality
// metrics compare `compareImages` prior samples with as many data images. Randomness (the I(x; z) noise, the
// held-out splits, the classifier, the samples) all follows `seed`.
import * as tf from '@tensorflow/tfjs-core';
import { batchRanges, imagesToTensor } from '../engine/batches';
import { conditionFor } from '../engine/condition';
import type { VaeModel } from '../engine/models/base';
import { activeUnitsOfCodes } from '../engine/metrics/activeUnits';
import { dci } from '../engine/metrics/dci';
import { histogramDiscretize } from '../engine/metrics/discretize';
import { factorClasses, type Factor } from '../engine/metrics/factors';
import { linearProbeAccuracy } from '../engine/metrics/linearProbe';
import { mig } from '../engine/metrics/mig';
import { mutualInformation } from '../engine/metrics/mutualInformation';
import { sapFromMatrix, sapScoreMatrix, type SapFactor } from '../engine/metrics/sap';
import { heldOutSplit } from '../engine/metrics/split';
import { totalCorrelationOfCodes } from '../engine/metrics/totalCorrelation';
import type { MetricsReport, MetricsStep } from '../protocol/metrics';
import type { Dataset } from '../shared/dataset';
import { Rng } from '../shared/rng';
import { spreadIndices } from '../shared/spread';
import { frechetOf, priorSamples, sharpnessOf, unitPixels } from './metricsImages';

/** Batches of the I(x; z) estimator: its estimate cannot exceed log 500 ≈ 6.2 nats. */
export const MI_BATCH = 500;

export interface MetricsOptions {
  maxImages: number;
  compareImages: number;
  seed: number;
  /** Factors of every image of `ds` (rows in ds order), and the file they came from. */
  factors?: { file: string; factors: Factor[] };
  onStep?(step: MetricsStep, done: number, total: number): void;
  shouldStop?(): boolean;
}

class Cancelled extends Error {}

/** μ and log σ² (n × d each) of dataset images `indices`, a CVAE's under each image's label. */
async function posteriors(model: VaeModel, ds: Dataset, indices: number[], onBatch: (done: number) => Promise<void>) {
  const d = model.config.latentDim;
  const mu = new Float32Array(indices.length * d);
  const logvar = new Float32Array(indices.length * d);
  for (const [start, end] of batchRanges(indices.length, 500)) {
    const idx = indices.slice(start, end);
    const q = tf.tidy(() => model.encode(imagesToTensor(ds, idx), conditionFor(model.config, ds, idx)));
    mu.set(await q.mu.data(), start * d);
    logvar.set(await q.logvar.data(), start * d);
    tf.dispose(q);
    await onBatch(end);
  }
  return { mu, logvar };
}

const finiteOrNull = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

/** All the metrics, or null when `shouldStop` said to stop. */
export async function computeMetrics(model: VaeModel, ds: Dataset, o: MetricsOptions): Promise<MetricsReport | null> {
  const step = async (s: MetricsStep, done = 0, total = 1) => {
    // the job's event loop must turn for a cancel message to arrive
    await new Promise((r) => setTimeout(r, 0));
    if (o.shouldStop?.()) throw new Cancelled();
    o.onStep?.(s, done, total);
  };
  try {
    return await compute(model, ds, o, step);
  } catch (err) {
    if (err instanceof Cancelled) return null;
    throw err;
  }
}

async function compute(model: VaeModel, ds: Dataset, o: MetricsOptions, step: (s: MetricsStep, done?: number, total?: number) => Promise<void>): Promise<MetricsReport> {
  const d = model.config.latentDim;
  const indices = spreadIndices(ds.count, o.maxImages);
  const n = indices.length;
  const notes: string[] = [];
  await step('encode', 0, n);
  const { mu, logvar } = await posteriors(model, ds, indices, (done) => step('encode', done, n));

  await step('mutualInformation');
  const rng = new Rng(o.seed);
  const eps = Float64Array.from({ length: n * d }, () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()));
  const mi = mutualInformation(mu, logvar, eps, n, d, MI_BATCH);
  const tc = totalCorrelationOfCodes(mu, n, d);
  if (tc === null) notes.push('total correlation: the covariance of μ is singular (a constant or duplicated dimension)');

  await step('probe');
  const labels = ds.labels ? Int32Array.from(indices, (i) => ds.labels![i]) : null;
  const labelled = labels !== null && new Set(labels).size > 1 && n >= 10;
  if (!labelled) notes.push('linear probe and Fréchet distance: the dataset has no labels (one folder per class gives them)');
  const linearProbe = labelled ? linearProbeAccuracy(mu, labels, n, d, o.seed) : null;

  await step('sharpness');
  const m = Math.min(n, o.compareImages);
  const compared = spreadIndices(n, m).map((r) => indices[r]);
  const data = unitPixels(ds, compared);
  const samples = priorSamples(model, m, o.seed);
  const sharpness = sharpnessOf(ds, data, samples, m);

  let frechet: MetricsReport['frechet'] = null;
  if (labelled) {
    await step('classifier', 0, 1);
    // a cancel during training stops the classifier at its next epoch (it frees its weights), then step() throws
    frechet = await frechetOf(ds as Dataset & { labels: Int32Array }, indices, data, samples, m, o.seed, (epoch, epochs) => {
      o.onStep?.('classifier', epoch, epochs);
      return o.shouldStop?.() ?? false;
    });
    await step('frechet');
  }

  let factors: MetricsReport['factors'] = null;
  if (o.factors) {
    await step('factors');
    factors = factorMetrics(o.factors, indices, mu, d, o.seed);
  }
  return { nImages: n, latentDim: d, seed: o.seed, mutualInformation: mi, totalCorrelation: tc, activeUnits: activeUnitsOfCodes(mu, n, d), linearProbe, sharpness, frechet, factors, notes };
}

/** MIG, DCI and SAP of the codes against the factors of images `indices`. */
function factorMetrics(f: NonNullable<MetricsOptions['factors']>, indices: number[], mu: Float32Array, d: number, seed: number): NonNullable<MetricsReport['factors']> {
  const n = indices.length;
  const picked = f.factors.map((x) => ({ ...x, values: Float64Array.from(indices, (i) => x.values[i]) }));
  const classes = picked.map((x) => factorClasses(x, histogramDiscretize));
  const split = heldOutSplit(n, seed);
  const dciFactors = classes.map((c) => ({ classes: c, k: Math.max(...c) + 1 }));
  const sapFactors: SapFactor[] = picked.map((x, j) => (x.kind === 'numeric' ? { kind: 'numeric', values: x.values } : { kind: 'categorical', classes: classes[j], k: dciFactors[j].k }));
  const migResult = d >= 2 ? mig(mu, n, d, classes).mig : NaN;
  const dciResult = d >= 2 ? dci(mu, d, dciFactors, split) : null;
  const sap = d >= 2 ? sapFromMatrix(sapScoreMatrix(mu, n, d, sapFactors, split), d, picked.length) : NaN;
  return {
    file: f.file,
    names: picked.map((x) => x.name),
    nImages: n,
    mig: finiteOrNull(migResult),
    dci: {
      disentanglement: finiteOrNull(dciResult?.disentanglement ?? null),
      completeness: finiteOrNull(dciResult?.completeness ?? null),
      informativeness: finiteOrNull(dciResult?.informativeness ?? null),
    },
    sap: finiteOrNull(sap),
  };
}
