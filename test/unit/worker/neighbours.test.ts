// The k-NN inspector and Export Latents in the job process: neighbours over every image's μ (the same as a brute
// force over posteriorMeans), μ computed once per checkpoint and afresh for a new one, the search by file name,
// and an export with progress that a cancel stops before anything is written.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runJob } from '../../../src/extension/jobProcess';
import { ModelJob } from '../../../src/extension/modelJob';
import type { HandlerContext } from '../../../src/protocol/envelope';
import type { JobProgress } from '../../../src/protocol/job';
import { jobHandlers } from '../../../src/worker/jobHandlers';
import { ModelCache } from '../../../src/worker/modelCache';
import { initBackend } from '../../../src/engine/backend';
import { loadDataset } from '../../../src/data/loadDataset';
import { posteriorMeans } from '../../../src/engine/posteriorMeans';
import { loadModel } from '../../../src/store/modelStore';
import { euclideanDistance } from '../../../src/shared/knn';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tinyJob } from './tinyJob';

const repo = resolve(__dirname, '../../..');
let data = '';
let modelDir = '';

before(async () => {
  data = writeTinyDataset(40);
  modelDir = join(tempDir('le-knn-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(data, modelDir, 2), previewCount: 0 }).reply;
});

test('neighbours of an image by index or source: the brute-force nearest over the whole dataset, thumbnails and paths included', async () => {
  await initBackend();
  const { model } = await loadModel(modelDir);
  const ds = await loadDataset(data, { size: { width: 8, height: 8 } });
  const mus = await posteriorMeans(model, ds);
  model.dispose();
  const job = new ModelJob(repo, modelDir);
  try {
    const r = await job.neighbours({ index: 7 }, 5, 'euclidean');
    assert.equal(r.total, 40, 'searched among every image, not a spread');
    assert.equal(r.query.index, 7);
    assert.equal(join(data, r.query.path), ds.sources[7], 'the path relative to the dataset, in the dataset\'s order');
    assert.equal(r.query.label, ds.labelNames[ds.labels![7]]);
    const expected = Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i !== 7)
      .map((i) => ({ i, d: euclideanDistance(mus, i, mus.subarray(7 * 3, 8 * 3), 3) }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .slice(0, 5);
    assert.deepEqual(r.neighbours.map((n) => n.image.index), expected.map((e) => e.i));
    r.neighbours.forEach((n, k) => assert.ok(Math.abs(n.distance - expected[k].d) < 1e-9));
    assert.equal(r.pixels.length, 6 * 64);
    assert.deepEqual(r.pixels.subarray(64, 128), ds.images.subarray(expected[0].i * 64, (expected[0].i + 1) * 64), 'the first neighbour\'s thumbnail');
    const bySource = await job.neighbours({ source: ds.sources[7] }, 5, 'cosine');
    assert.equal(bySource.query.index, 7);
    assert.equal(bySource.metric, 'cosine');
    assert.ok(bySource.neighbours.every((n, k) => k === 0 || n.distance >= bySource.neighbours[k - 1].distance));
    await assert.rejects(job.neighbours({ index: 40 }, 5, 'euclidean'), /Image 40 is not in the model's dataset \(it has 40 images\)/);
    await assert.rejects(job.neighbours({ source: '/elsewhere/x.png' }, 5, 'euclidean'), /is not among the images/);
    await assert.rejects(job.neighbours({}, 5, 'euclidean'), /Choose an image first/);

    const found = await job.searchImages('RIGHT/1');
    assert.deepEqual(found.hits.map((h) => h.path), ['right/1.png', 'right/11.png', 'right/13.png', 'right/15.png', 'right/17.png', 'right/19.png']);
    assert.equal(found.matches, 6);
    assert.equal(found.pixels.length, 6 * 64);
    const many = await job.searchImages('.png');
    assert.equal(many.matches, 40);
    assert.equal(many.hits.length, 40);
    assert.equal((await job.searchImages('  ')).hits.length, 0, 'an empty query finds nothing');
  } finally {
    job.dispose();
  }
});

test('μ of the dataset is computed once per checkpoint and afresh when the weights change', async () => {
  const dir = join(tempDir('le-knn-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(data, dir, 1), previewCount: 0 }).reply;
  const cache = new ModelCache();
  const h = jobHandlers(true, cache);
  const ctx: HandlerContext<JobProgress> = { progress: () => undefined, cancelled: () => false };
  try {
    await h.neighbours({ type: 'neighbours', modelDir: dir, target: { index: 0 }, k: 3, metric: 'euclidean' }, ctx);
    const first = await (await cache.open(dir)).mus();
    await h.neighbours({ type: 'neighbours', modelDir: dir, target: { index: 1 }, k: 3, metric: 'cosine' }, ctx);
    assert.equal(await (await cache.open(dir)).mus(), first, 'the same μ array served the second request');
    await runJob(repo, { type: 'train', job: { ...tinyJob(data, dir, 1, 2), overwrite: true }, previewCount: 0 }).reply;
    await h.neighbours({ type: 'neighbours', modelDir: dir, target: { index: 0 }, k: 3, metric: 'euclidean' }, ctx);
    const second = await (await cache.open(dir)).mus();
    assert.notEqual(second, first);
    assert.equal(second.length, 40 * 2, 'the new checkpoint\'s 2 latents');
  } finally {
    cache.close();
  }
});

test('an export in the job process reports progress and writes the file; cancelled, it writes nothing', async () => {
  const out = join(tempDir('le-knn-'), 'z.csv');
  const seen: JobProgress[] = [];
  const r = await runJob(repo, { type: 'exportLatents', modelDir, datasetPath: null, outPath: out }, (p) => seen.push(p)).reply;
  assert.deepEqual(r, { status: 'written', format: 'csv', files: [out], count: 40, latentDim: 3 });
  assert.deepEqual(seen.at(-1), { type: 'exporting', done: 40, total: 40 });
  assert.equal(readFileSync(out, 'utf8').trimEnd().split('\n').length, 41);

  const cache = new ModelCache();
  const h = jobHandlers(true, cache);
  const stopped = join(tempDir('le-knn-'), 'z.npy');
  try {
    const c = await h.exportLatents({ type: 'exportLatents', modelDir, datasetPath: data, outPath: stopped }, { progress: () => undefined, cancelled: () => true });
    assert.deepEqual(c, { status: 'cancelled' });
    assert.equal(existsSync(stopped), false);
    assert.equal(existsSync(stopped.replace(/\.npy$/, '.labels.json')), false);
    await assert.rejects(
      Promise.resolve(h.exportLatents({ type: 'exportLatents', modelDir, datasetPath: null, outPath: join(data, 'x.png') }, { progress: () => undefined, cancelled: () => false })),
      /must end in \.csv, \.npy or \.tsv/,
    );
  } finally {
    cache.close();
  }
});
