// The training worker: runs the heavy work (dataset loading, training, reconstructions) off the extension
// host's event loop and reports through typed messages. One job per process; the host starts a new one each
// time (src/extension/workerHost.ts forks it). It also runs as a worker thread, for tests and embedders.
import { parentPort } from 'node:worker_threads';
import { loadDataset } from '../data/loadDataset';
import { accelerationInUse, describeAcceleration, initBackend, preferBlasThreads } from '../engine/backend';
import { encodeImageFile } from '../training/encodeImage';
import { buildLatentMap } from '../training/latentMap';
import { evaluateModel } from '../training/evaluateModel';
import { makePreview } from '../training/preview';
import type { HostToWorker, WorkerToHost } from '../protocol/worker';
import { loadModel } from '../store/modelStore';
import { runTraining } from '../training/runTraining';
import { isUserError } from '../shared/userError';

/** The host's end: a worker thread's port, or the IPC channel of a forked process. */
const port = parentPort ?? {
  postMessage: (msg: WorkerToHost) => process.send?.(msg),
  on: (event: 'message', listener: (msg: HostToWorker) => void) => process.on(event, listener),
};
const inThread = parentPort !== null;
let stop = false;

function send(msg: WorkerToHost): void {
  port.postMessage(msg);
}

// the host went away (it was closed or crashed): nothing to report to, stop
if (!inThread) process.on('disconnect', () => process.exit(0));

const BATCH_MESSAGE_INTERVAL_MS = 100;
let lastBatchSent = -Infinity;

async function handle(msg: HostToWorker): Promise<void> {
  if (msg.type === 'cancel') {
    stop = true;
    return;
  }
  // As a thread inside a process that forks (VS Code's extension host does, from its main thread), OpenBLAS's
  // thread pool can deadlock the whole process (native/sgemm.cc): one thread starts no pool. A process of its
  // own forks nothing, so it uses every core.
  preferBlasThreads(inThread ? 1 : 0);
  await initBackend();
  if (msg.type === 'train') {
    const outcome = await runTraining(msg.job, {
      onLoadProgress: (done, total) => send({ type: 'loading', done, total }),
      onLoaded: (report, split, model) =>
        send({ type: 'loaded', report, nTrain: split.train.count, nValidation: split.validation.count, model: model.config, labelNames: split.train.labelNames, kernels: describeAcceleration(accelerationInUse()) }),
      onBatch: (p) => {
        // a batch takes ~10 ms with the native kernels: forwarding each one kept the extension host busy with
        // progress updates nobody can read; ten a second is live enough
        const now = performance.now();
        if (now - lastBatchSent < BATCH_MESSAGE_INTERVAL_MS && p.batch !== p.batches) return;
        lastBatchSent = now;
        send({ type: 'batch', ...p });
      },
      onEpoch: async (metrics, { split, model }) => {
        const source = split.validation.count ? split.validation : split.train;
        send({ type: 'epoch', metrics, preview: msg.previewCount > 0 ? await makePreview(model, source, msg.previewCount) : null });
      },
      shouldStop: () => stop,
    });
    send({ type: 'done', outcome });
  } else if (msg.type === 'evaluate') {
    send({ type: 'evaluated', metrics: await evaluateModel(msg.modelDir, msg.iwaeK, msg.maxImages) });
  } else if (msg.type === 'latentMap') {
    send({ type: 'latentMap', map: await buildLatentMap(msg.modelDir, msg.maxPoints, msg.method) });
  } else if (msg.type === 'encode') {
    send({ type: 'encoded', encoding: await encodeImageFile(msg.modelDir, msg.imagePath) });
  } else {
    const { model, manifest } = await loadModel(msg.modelDir);
    try {
      const [h, w] = manifest.model.inputShape;
      const ds = await loadDataset(manifest.dataset.root, { size: { width: w, height: h } }).catch(() => null);
      if (!ds || ds.channels !== manifest.model.inputShape[2]) {
        send({ type: 'preview', preview: null, reason: `the training data is no longer readable at ${manifest.dataset.root}` });
      } else {
        send({ type: 'preview', preview: await makePreview(model, ds, msg.count, msg.order) });
      }
    } finally {
      model.dispose();
    }
  }
}

port.on('message', (msg: HostToWorker) => {
  handle(msg).catch((err: unknown) => {
    const e = err as Error;
    send({ type: 'error', message: e?.message ?? String(err), userError: isUserError(err), stack: isUserError(err) ? undefined : e?.stack });
  });
});
