// The long-lived job process of an open model (ModelJob → dist/worker.js), as a model panel drives it, outside
// VS Code: one process for all of a model's requests, its dataset decoded once, a new checkpoint picked up, a
// dead process replaced on the next request, and nothing left running once disposed. Build first.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JobClosedError, runJob } from '../../../src/extension/jobProcess';
import { ModelJob } from '../../../src/extension/modelJob';
import type { HandlerContext } from '../../../src/protocol/envelope';
import type { JobProgress } from '../../../src/protocol/job';
import { jobHandlers } from '../../../src/worker/jobHandlers';
import { ModelCache } from '../../../src/worker/modelCache';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tinyJob } from './tinyJob';

const repo = resolve(__dirname, '../../..');
let data = '';
let modelDir = '';

/** A tiny model of 3 latents trained once for the tests that only read it (each test that changes one trains its own). */
before(async () => {
  data = writeTinyDataset(40);
  modelDir = join(tempDir('le-modeljob-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(data, modelDir, 2), previewCount: 0 }).reply;
});

const exited = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

test('one process serves the preview, both latent maps, Encode Image and Evaluate of a model', async () => {
  const job = new ModelJob(repo, modelDir);
  try {
    const [preview, pca] = await Promise.all([job.preview(5, 'worst'), job.latentMap({ method: 'pca', maxPoints: 30 }).reply]);
    const pid = job.pid;
    const p = preview.preview!;
    assert.equal(p.order, 'worst');
    assert.equal(p.count, 5);
    assert.deepEqual(p.errors, [...p.errors].sort((a, b) => b - a));
    assert.equal(p.originals.length, 5 * 64);
    assert.ok(p.sources.every((s) => s.startsWith(data)));

    assert.equal(pca.count, 30);
    assert.equal(pca.points.length, 60);
    assert.deepEqual(pca.labelNames, ['left', 'right']);
    assert.equal(pca.labels!.length, 30);
    assert.ok(pca.sources.every((s) => !s.startsWith('/') && /^(left|right)\//.test(s)), 'file names relative to the dataset folder');
    // images travel on request only: two of them, with their codes
    const imgs = await job.mapImages(Int32Array.of(0, 7));
    assert.deepEqual([imgs.pixels.length, imgs.codes.length], [2 * 64, 2 * 3]);
    for (const c of pca.components) assert.ok(Math.abs(Math.hypot(...c) - 1) < 1e-6);
    assert.ok(pca.variances[0] >= pca.variances[1] && pca.variances[0] + pca.variances[1] <= pca.totalVariance + 1e-9);

    const umap = await job.latentMap({ method: 'umap', maxPoints: 30 }).reply;
    assert.equal(umap.method, 'umap');
    assert.equal(umap.points.length, 60);
    assert.equal(umap.fitted, 30, 'fewer codes than the sample size: UMAP is fitted on all');
    assert.ok(umap.points.every((v) => Number.isFinite(v)));

    // an image of the dataset finds itself as its nearest neighbour
    const image = join(data, 'left', '4.png');
    const e = await job.encode(image);
    assert.equal(e.mu.length, 3);
    assert.equal(e.neighbours[0].source, image);
    assert.ok(e.neighbours[0].distance < 1e-5, `distance to itself ${e.neighbours[0].distance}`);
    assert.ok(e.percentile !== null && e.percentile >= 0 && e.percentile <= 100);
    assert.equal(e.neighbourPixels.length, e.neighbours.length * 64);

    const m = await job.evaluate(10, 20);
    assert.equal(m.iwaeK, 10);
    assert.equal(m.nImages, 20);
    assert.equal(job.started, 1);
    assert.equal(job.pid, pid, 'the same process answered every request');
  } finally {
    job.dispose();
  }
});

test('the job process decodes a model\'s dataset once, and again only when the checkpoint\'s weights change', async () => {
  const dir = join(tempDir('le-modeljob-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(data, dir, 1), previewCount: 0 }).reply;
  const cache = new ModelCache();
  const h = jobHandlers(true, cache);
  const ctx: HandlerContext<JobProgress> = { progress: () => undefined, cancelled: () => false };
  try {
    await Promise.all([h.preview({ type: 'preview', modelDir: dir, count: 4, order: 'spread' }, ctx), h.latentMap({ type: 'latentMap', modelDir: dir, spec: { method: 'pca', maxPoints: 20 } }, ctx)]);
    await h.encode({ type: 'encode', modelDir: dir, imagePath: join(data, 'left', '0.png') }, ctx);
    await h.evaluate({ type: 'evaluate', modelDir: dir, iwaeK: 5, maxImages: 10 }, ctx);
    // evaluating rewrote the manifest, but not the weights: still the same data
    await h.preview({ type: 'preview', modelDir: dir, count: 4, order: 'worst' }, ctx);
    assert.equal(cache.decodes, 1);
    await runJob(repo, { type: 'train', job: { ...tinyJob(data, dir, 1, 2), overwrite: true }, previewCount: 0 }).reply;
    const e = await h.encode({ type: 'encode', modelDir: dir, imagePath: join(data, 'left', '0.png') }, ctx);
    assert.equal(e.mu.length, 2, 'the new checkpoint (2 latents) answered');
    assert.equal(cache.decodes, 2);
  } finally {
    cache.close();
  }
});

test('after a new training run into its folder, the open model\'s process serves the new model', async () => {
  const dir = join(tempDir('le-modeljob-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(data, dir, 1), previewCount: 0 }).reply;
  const job = new ModelJob(repo, dir);
  try {
    assert.equal((await job.encode(join(data, 'left', '0.png'))).mu.length, 3);
    await runJob(repo, { type: 'train', job: { ...tinyJob(data, dir, 1, 2), overwrite: true }, previewCount: 0 }).reply;
    assert.equal((await job.encode(join(data, 'left', '0.png'))).mu.length, 2);
    assert.equal(job.started, 1);
  } finally {
    job.dispose();
  }
});

test('a UMAP map on every image reports its progress and stops when cancelled; the job then serves the next request', async () => {
  const job = new ModelJob(repo, modelDir);
  try {
    const stages: string[] = [];
    let cancel = () => undefined as void;
    const run = job.latentMap({ method: 'umap', umapAll: true }, (p) => {
      stages.push(p.stage);
      if (p.stage === 'layout') cancel();
    });
    cancel = run.cancel;
    await assert.rejects(run.reply, /The latent map was cancelled/);
    assert.ok(stages.includes('encoding') && stages.includes('neighbours') && stages.includes('layout'), stages.join(' '));
    const pca = await job.latentMap({ method: 'pca' }).reply;
    assert.equal(pca.fitted, 0);
  } finally {
    job.dispose();
  }
});

test('SIGKILL of the model\'s process fails the requests waiting with what happened; the next request starts a new one', async () => {
  const job = new ModelJob(repo, modelDir);
  try {
    const waiting = [job.latentMap({ method: 'umap', maxPoints: 30 }).reply, job.preview(4, 'spread')];
    const pid = job.pid!;
    process.kill(pid, 'SIGKILL');
    for (const r of waiting) await assert.rejects(r, /model's job process was killed by SIGKILL; the next request starts it again/);
    const e = await job.encode(join(data, 'right', '1.png'));
    assert.equal(e.mu.length, 3);
    assert.equal(job.started, 2);
    assert.notEqual(job.pid, pid);
  } finally {
    job.dispose();
  }
});

test('a model\'s process that runs out of memory is reported as a UserError', async () => {
  const job = new ModelJob(repo, modelDir, { heapLimitMb: 8 });
  try {
    await assert.rejects(job.preview(4, 'spread'), (e: unknown) => (e as Error).name === 'UserError' && /job process ran out of memory/.test((e as Error).message));
  } finally {
    job.dispose();
  }
});

test('disposing a model\'s job (its panel closed) ends its process and fails what was waiting as closed', async () => {
  const job = new ModelJob(repo, modelDir);
  const waiting = job.latentMap({ method: 'pca', maxPoints: 30 }).reply;
  const pid = job.pid!;
  job.dispose();
  await assert.rejects(waiting, JobClosedError);
  await assert.rejects(job.preview(4, 'spread'), JobClosedError);
  assert.equal(job.started, 1, 'a closed job starts no process');
  const deadline = Date.now() + 10_000;
  while (!exited(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(exited(pid), `process ${pid} still runs`);
});

test('when the training data is gone, the preview says why, the map fails with a UserError, Encode Image still works', async () => {
  const gone = writeTinyDataset(20);
  const dir = join(tempDir('le-modeljob-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(gone, dir, 1), previewCount: 0 }).reply;
  const image = join(gone, 'left', '0.png');
  const copy = join(tempDir('le-modeljob-'), 'image.png');
  copyFileSync(image, copy);
  rmSync(gone, { recursive: true, force: true });
  const job = new ModelJob(repo, dir);
  try {
    const p = await job.preview(4, 'spread');
    assert.equal(p.preview, null);
    assert.match(p.preview === null ? p.reason : '', /no longer readable/);
    await assert.rejects(job.latentMap({ method: 'pca', maxPoints: 10 }).reply, (e: unknown) => (e as Error).name === 'UserError' && /The latent map needs the training data/.test((e as Error).message));
    const e = await job.encode(copy);
    assert.equal(e.percentile, null);
    assert.deepEqual(e.neighbours, []);
  } finally {
    job.dispose();
  }
});
