// The training worker as the extension host drives it (dist/worker.js through WorkerJob), outside VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WorkerJob } from '../../../src/extension/workerHost';
import { initBackend } from '../../../src/engine/backend';
import { Rng } from '../../../src/shared/rng';
import { loadModel } from '../../../src/store/modelStore';
import type { WorkerToHost } from '../../../src/protocol/worker';
import type { TrainingJob } from '../../../src/training/runTraining';
import { writeTinyDataset } from '../../helpers/tinyFolder';

const repo = resolve(__dirname, '../../..');

function job(data: string, modelDir: string, epochs: number): TrainingJob {
  return {
    datasetPath: data,
    modelDir,
    model: { latentDim: 3, hidden: [16], likelihood: 'bernoulli', decoderScale: 0.1 },
    train: { epochs, batchSize: 4, learningRate: 1e-3, beta: 1, warmupEpochs: 0, seed: 1 },
    validationFraction: 0.2,
  };
}

test('cancel after the first epoch keeps that checkpoint and reports "cancelled"', async () => {
  const data = writeTinyDataset(60);
  const modelDir = join(mkdtempSync(join(tmpdir(), 'le-worker-')), 'm');
  const seen: WorkerToHost['type'][] = [];
  let w: WorkerJob | null = null;
  w = new WorkerJob(repo, { type: 'train', job: job(data, modelDir, 500), previewCount: 4 }, (m) => {
    seen.push(m.type);
    if (m.type === 'epoch') {
      assert.equal(m.preview?.count, 4);
      w!.cancel();
    }
  });
  const done = (await w.done) as Extract<WorkerToHost, { type: 'done' }>;
  assert.equal(done.outcome.status, 'cancelled');
  assert.ok(seen.includes('loaded') && seen.includes('batch') && seen.includes('epoch'));
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.status, 'cancelled');
  assert.equal(manifest.epochs.length, done.outcome.epochs.length);
  assert.ok(existsSync(join(modelDir, manifest.weights.file)));
});

test('a preview of the worst reconstructed images comes back ranked by anomaly score', async () => {
  const data = writeTinyDataset(40);
  const modelDir = join(mkdtempSync(join(tmpdir(), 'le-worker-')), 'm');
  await new WorkerJob(repo, { type: 'train', job: job(data, modelDir, 1), previewCount: 0 }, () => undefined).done;
  const m = (await new WorkerJob(repo, { type: 'preview', modelDir, count: 5, order: 'worst' }, () => undefined).done) as Extract<WorkerToHost, { type: 'preview' }>;
  const p = m.preview!;
  assert.equal(p.order, 'worst');
  assert.equal(p.count, 5);
  assert.deepEqual(p.errors, [...p.errors].sort((a, b) => b - a));
  assert.equal(p.originals.length, 5 * 64);
  assert.ok(p.sources.every((s) => s.startsWith(data)));
});

test('a worker error arrives as a UserError, not a crash', async () => {
  const modelDir = join(mkdtempSync(join(tmpdir(), 'le-worker-')), 'm');
  await assert.rejects(new WorkerJob(repo, { type: 'train', job: job('/no/such/folder', modelDir, 1), previewCount: 0 }, () => undefined).done, (e: unknown) => (e as Error).name === 'UserError' && /does not exist/.test((e as Error).message));
});

// 10 kill points in `npm test`, LE_KILL_POINTS (50) in `npm run test:stress`
const KILL_POINTS = Math.max(1, Math.round((Number(process.env.LE_KILL_POINTS) || 12) * 0.8));

test(`SIGKILL of the training process at ${KILL_POINTS} random points leaves a complete, loadable checkpoint; the host is told`, { timeout: 600_000 }, async () => {
  await initBackend();
  const data = writeTinyDataset(120);
  const base = mkdtempSync(join(tmpdir(), 'le-jobkill-'));
  const rng = new Rng(11);
  for (let i = 0; i < KILL_POINTS; i++) {
    const modelDir = join(base, `m${i}`);
    const w = new WorkerJob(repo, { type: 'train', job: job(data, modelDir, 500), previewCount: 0 }, () => undefined);
    const outcome = w.done.then(() => 'finished', (e: Error) => e.message);
    const started = Date.now();
    while (!existsSync(join(modelDir, 'manifest.json')) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, Math.floor(rng.next() * 300)));
    process.kill(w.pid!, 'SIGKILL');
    assert.match(await outcome, /killed by SIGKILL; the last checkpoint is kept/);
    const { manifest, model } = await loadModel(modelDir);
    assert.ok(manifest.epochs.length >= 1, `kill ${i}: a checkpoint with ${manifest.epochs.length} epochs`);
    model.dispose();
  }
});

test('a job that runs out of memory is reported as a UserError and the host carries on', async () => {
  const data = writeTinyDataset(40);
  const modelDir = join(mkdtempSync(join(tmpdir(), 'le-worker-')), 'm');
  // a heap limit far below what loading tfjs needs: the job's process dies of OOM in its first second
  const tiny = { heapLimitMb: 8 };
  await assert.rejects(new WorkerJob(repo, { type: 'train', job: job(data, modelDir, 1), previewCount: 0 }, () => undefined, tiny).done, (e: unknown) => (e as Error).name === 'UserError' && /ran out of memory/.test((e as Error).message));
  // and a normal job right after works: nothing in this thread was damaged
  const ok = await new WorkerJob(repo, { type: 'train', job: job(data, modelDir, 1), previewCount: 0 }, () => undefined).done;
  assert.equal(ok.type, 'done');
});

test('the latent map job projects the dataset\'s codes to 2-D with labels and thumbnails', async () => {
  const data = writeTinyDataset(40);
  const modelDir = join(mkdtempSync(join(tmpdir(), 'le-worker-')), 'm');
  await new WorkerJob(repo, { type: 'train', job: job(data, modelDir, 2), previewCount: 0 }, () => undefined).done;
  const m = (await new WorkerJob(repo, { type: 'latentMap', modelDir, maxPoints: 30, method: 'pca' }, () => undefined).done) as Extract<WorkerToHost, { type: 'latentMap' }>;
  const map = m.map;
  assert.equal(map.count, 30);
  assert.equal(map.points.length, 60);
  assert.deepEqual(map.labelNames, ['left', 'right']);
  assert.equal(map.labels!.length, 30);
  assert.equal(map.thumbnails.length, 30 * 64);
  for (const c of map.components) assert.ok(Math.abs(Math.hypot(...c) - 1) < 1e-6);
  assert.ok(map.variances[0] >= map.variances[1] && map.variances[0] + map.variances[1] <= map.totalVariance + 1e-9);
});

test('the latent map job can project with UMAP instead, and then carries the codes for decoding', async () => {
  const data = writeTinyDataset(40);
  const modelDir = join(mkdtempSync(join(tmpdir(), 'le-worker-')), 'm');
  await new WorkerJob(repo, { type: 'train', job: job(data, modelDir, 2), previewCount: 0 }, () => undefined).done;
  const m = (await new WorkerJob(repo, { type: 'latentMap', modelDir, maxPoints: 30, method: 'umap' }, () => undefined).done) as Extract<WorkerToHost, { type: 'latentMap' }>;
  assert.equal(m.map.method, 'umap');
  assert.equal(m.map.points.length, 60);
  assert.equal(m.map.codes.length, 30 * 3);
  assert.ok(m.map.points.every((v) => Number.isFinite(v)));
});

test('encoding an image of the dataset finds itself as its nearest neighbour and ranks its anomaly score', async () => {
  const data = writeTinyDataset(40);
  const modelDir = join(mkdtempSync(join(tmpdir(), 'le-worker-')), 'm');
  await new WorkerJob(repo, { type: 'train', job: job(data, modelDir, 2), previewCount: 0 }, () => undefined).done;
  const image = join(data, 'left', '4.png');
  const m = (await new WorkerJob(repo, { type: 'encode', modelDir, imagePath: image }, () => undefined).done) as Extract<WorkerToHost, { type: 'encoded' }>;
  const e = m.encoding;
  assert.equal(e.mu.length, 3);
  assert.equal(e.neighbours[0].source, image);
  assert.ok(e.neighbours[0].distance < 1e-5, `distance to itself ${e.neighbours[0].distance}`);
  assert.ok(e.percentile !== null && e.percentile >= 0 && e.percentile <= 100);
  assert.equal(e.neighbourPixels.length, e.neighbours.length * 64);
});
