// Run by test/unit/worker/forkWhileTraining.test.ts in its own process, because the failure it guards against is
// a deadlock of the main thread: only a parent process can still time it out. Trains the reference-width model
// in dist/worker.js while this main thread spawns a child process every few ms; prints one JSON line.
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Worker } = require('node:worker_threads');

const repo = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'le-fork-'));
let forks = 0;
let training = true;
(async () => {
  while (training) {
    await new Promise((r) => spawn('true').on('exit', r).on('error', r));
    forks++;
  }
})();
const worker = new Worker(join(repo, 'dist', 'worker.js'));
// the job channel's envelope (src/protocol/envelope.ts): one request, answered by a reply or a failure
worker.on('message', (e) => {
  if (e.kind !== 'reply' && e.kind !== 'failure') return;
  training = false;
  console.log(JSON.stringify({ type: e.kind, status: e.result?.status, message: e.error?.message, forks }));
  rmSync(dir, { recursive: true, force: true });
  void worker.terminate();
});
worker.postMessage({ kind: 'request', id: 1, message: {
  type: 'train',
  previewCount: 4,
  job: {
    datasetPath: join(repo, 'samples', 'fashion-mnist'),
    modelDir: join(dir, 'model'),
    // the reference width: every matMul takes the OpenBLAS path
    model: { latentDim: 20, hidden: [400], likelihood: 'bernoulli', decoderScale: 0.1 },
    train: { epochs: 2, batchSize: 128, learningRate: 1e-3, beta: 1, warmupEpochs: 0, freeBits: 0, klSchedule: 'warmup', klCycles: 4, klRatio: 0.5, seed: 1 },
    validationFraction: 0.1,
  },
} });
