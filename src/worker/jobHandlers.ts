// What a job process does for each request of the job channel (src/protocol/job.ts): one handler per request
// type, checked for completeness by the compiler through `JobHandlers`.
import { resolve } from 'node:path';
import { accelerationInUse, describeAcceleration, initBackend, preferBlasThreads } from '../engine/backend';
import type { JobHandlers, JobProgress } from '../protocol/job';
import type { HandlerContext } from '../protocol/envelope';
import type { TrainingJob, TrainingOutcome } from '../protocol/trainingJob';
import { UserError } from '../shared/userError';
import { encodeImageFile } from '../training/encodeImage';
import { evaluateModel } from '../training/evaluateModel';
import { exportLatents, loadExportDataset } from '../training/exportLatents';
import { neighboursOf, searchImages } from '../training/neighbours';
import { exportModelDir } from '../onnx/export/exportModelDir';
import { latentMapOf, mapImagesOf } from '../training/latentMap';
import { runMetrics } from '../training/metricsRun';
import { latentStatsOf } from '../training/latentStats';
import { makePreview } from '../training/preview';
import { runTraining } from '../training/runTraining';
import { ModelCache } from './modelCache';
import { importOnnxModel } from '../training/importOnnx';
import { priorSamplesInJob } from '../training/jobSamples';

/** A batch takes ~10 ms with the native kernels: forwarding each one kept the extension host busy with progress nobody can read; ten a second is live enough. */
const BATCH_PROGRESS_INTERVAL_MS = 100;

/**
 * `inThread`: the job runs as a worker thread of a process that forks (tests and embedders; VS Code's extension
 * host forks from its main thread). OpenBLAS's thread pool can deadlock such a process (native/sgemm.cc), so
 * there it starts no pool; a process of its own forks nothing and uses every core.
 */
export function jobHandlers(inThread: boolean, cache = new ModelCache()): JobHandlers {
  let backend: Promise<unknown> | null = null;
  const ready = () => {
    if (!backend) {
      preferBlasThreads(inThread ? 1 : 0);
      backend = initBackend();
    }
    return backend;
  };
  // one request at a time: they share the model and the cores, and a model must not be replaced while in use
  let tail: Promise<unknown> = Promise.resolve();
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(ready).then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  const needData = async (dir: string, what: string) => {
    const served = await cache.open(dir);
    const data = await served.data();
    if (!data.ds) throw new UserError(`${what} needs the training data: ${data.problem}.`);
    return { ...served, ds: data.ds };
  };

  return {
    train: (m, ctx) => queued(() => train(m.job, m.previewCount, ctx)),
    preview: (m) =>
      queued(async () => {
        const served = await cache.open(m.modelDir);
        const data = await served.data();
        if (!data.ds) return { preview: null, reason: data.problem };
        return { preview: await makePreview(served.model, data.ds, m.count, m.order) };
      }),
    latentMap: (m, ctx) =>
      queued(async () => {
        const { model, manifest, ds } = await needData(m.modelDir, 'The latent map');
        return latentMapOf(model, ds, m.spec, manifest.training.seed, manifest.dataset.root, {
          progress: (p) => ctx.progress({ type: 'mapProgress', ...p }),
          cancelled: () => ctx.cancelled(),
        });
      }),
    mapImages: (m) =>
      queued(async () => {
        const { model, ds } = await needData(m.modelDir, 'The latent map');
        return mapImagesOf(model, ds, m.indices);
      }),
    encode: (m) =>
      queued(async () => {
        const served = await cache.open(m.modelDir);
        return encodeImageFile(served.model, m.modelDir, m.imagePath, await served.codes());
      }),
    evaluate: (m) =>
      queued(async () => {
        const { model, ds } = await needData(m.modelDir, 'Evaluation');
        return evaluateModel(model, m.modelDir, ds, m.iwaeK, m.maxImages);
      }),
    metrics: (m, ctx) =>
      queued(async () => {
        const { model, ds } = await needData(m.modelDir, 'Metrics');
        return runMetrics(model, ds, m, (step, done, total) => ctx.progress({ type: 'metrics', step, done, total }), () => ctx.cancelled());
      }),
    exportLatents: (m, ctx) =>
      queued(async () => {
        const served = await cache.open(m.modelDir);
        const own = served.manifest.dataset.root;
        // the model's own data is the cached copy; another folder is read once, at the model's input size
        const ownData = m.datasetPath === null || resolve(m.datasetPath) === resolve(own);
        const root = ownData ? own : m.datasetPath!;
        const ds = ownData ? (await needData(m.modelDir, 'Exporting the latents of the model\'s own dataset')).ds : await loadExportDataset(served.model, root);
        return exportLatents(served.model, ds, root, m.outPath, {
          onProgress: (done, total) => ctx.progress({ type: 'exporting', done, total }),
          shouldStop: () => ctx.cancelled(),
        });
      }),
    neighbours: (m) =>
      queued(async () => {
        const served = await needData(m.modelDir, 'The nearest-neighbour search');
        const mus = await served.mus();
        return neighboursOf(served.ds, served.manifest.dataset.root, mus, served.model.config.latentDim, m.target, m.k, m.metric);
      }),
    searchImages: (m) =>
      queued(async () => {
        const served = await needData(m.modelDir, 'Searching the images');
        return searchImages(served.ds, served.manifest.dataset.root, m.query);
      }),
    // reads the saved weights itself (no tfjs): off the host's event loop, not through the model cache
    exportOnnx: (m) => queued(async () => {
      const { outDir, files } = await exportModelDir(m.modelDir, m.outDir);
      return { outDir, files };
    }),
    importOnnx: (m) => queued(async () => {
      const { type: _t, ...opts } = m;
      const result = await importOnnxModel(opts);
      return { modelDir: result.modelDir, runtime: result.runtime };
    }),
    latentStats: (m) =>
      queued(async () => {
        const served = await needData(m.modelDir, 'Attribute vectors, data ranges and aggregate-posterior samples');
        return latentStatsOf(served.ds, await served.mus(), served.model.config.latentDim, m.components, served.manifest.training.seed);
      }),
    // needs no data: z from the prior through the decoder
    sample: (m, ctx) =>
      queued(async () => {
        const served = await cache.open(m.modelDir);
        return priorSamplesInJob(served.model, m.count, m.temperature, m.seed, {
          onProgress: (done, total) => ctx.progress({ type: 'sampling', done, total }),
          cancelled: () => ctx.cancelled(),
        });
      }),
  };
}

async function train(job: TrainingJob, previewCount: number, ctx: HandlerContext<JobProgress>): Promise<TrainingOutcome> {
  let lastBatchSent = -Infinity;
  return runTraining(job, {
    onLoadProgress: (done, total) => ctx.progress({ type: 'loading', done, total }),
    onLoaded: (report, split, model) =>
      ctx.progress({
        type: 'loaded', report, nTrain: split.train.count, nValidation: split.validation.count, model: model.config, labelNames: split.train.labelNames,
        kernels: describeAcceleration(accelerationInUse()),
      }),
    onBatch: (p) => {
      const now = performance.now();
      if (now - lastBatchSent < BATCH_PROGRESS_INTERVAL_MS && p.batch !== p.batches) return;
      lastBatchSent = now;
      ctx.progress({ type: 'batch', ...p });
    },
    onEpoch: async (metrics, { split, model }) => {
      const source = split.validation.count ? split.validation : split.train;
      ctx.progress({ type: 'epoch', metrics, preview: previewCount > 0 ? await makePreview(model, source, previewCount) : null });
    },
    onCodePriorStart: ({ epochs }) => ctx.progress({ type: 'codePrior', epoch: 0, epochs, trainNll: null }),
    onCodePriorEpoch: (p) => ctx.progress({ type: 'codePrior', ...p }),
    shouldStop: () => ctx.cancelled(),
  });
}
