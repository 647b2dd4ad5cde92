// Prior samples drawn in the job process, as the panel asks for a PixelCNN decoder's: a real job process (the
// built dist/worker.js) trains a tiny PixelCNN-decoder VAE, then draws samples pixel by pixel, reporting each row,
// and a cancel stops it with nothing drawn. A mirror-decoder model answers the same request.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { runJob } from '../../../src/extension/jobProcess';
import { ModelJob } from '../../../src/extension/modelJob';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tinyJob } from './tinyJob';
import { existsSync } from 'node:fs';
import { runSample } from '../../../src/cli/grids';

const repo = resolve(__dirname, '../../..');
let data = '';
let pixelcnnDir = '';

before(async () => {
  data = writeTinyDataset(24);
  pixelcnnDir = join(tempDir('le-jobsamples-'), 'p');
  const job = tinyJob(data, pixelcnnDir, 1);
  await runJob(repo, { type: 'train', job: { ...job, model: { ...job.model, decoder: 'pixelcnn' } }, previewCount: 0 }).reply;
});

test('a PixelCNN decoder\'s samples from the job process: binary images, progress after each of the 8 rows; a cancel stops them', { timeout: 600_000 }, async () => {
  const job = new ModelJob(repo, pixelcnnDir);
  try {
    const rows: number[] = [];
    const drawn = job.sample(3, 1, 5, (done, total) => {
      assert.equal(total, 64);
      rows.push(done);
    });
    const reply = await drawn.reply;
    assert.equal(reply.status, 'done');
    if (reply.status !== 'done') return;
    assert.deepEqual([reply.count, reply.height, reply.width, reply.channels], [3, 8, 8, 1]);
    assert.equal(reply.pixels.length, 3 * 64);
    assert.ok(reply.pixels.every((p) => p === 0 || p === 255), 'Bernoulli draws, not means');
    assert.deepEqual(rows, [8, 16, 24, 32, 40, 48, 56, 64]);
    // the same seed draws the same images
    const again = await job.sample(3, 1, 5).reply;
    assert.deepEqual(again.status === 'done' && again.pixels, reply.pixels);
    // cancelled as soon as asked (the cancel follows the request down the same pipe, so the job sees it before its
    // first row: no race with the machine's load; stopping between rows is the sampler's own test)
    let seen = 0;
    const stopped = job.sample(3, 1, 6, () => seen++);
    stopped.cancel();
    assert.deepEqual(await stopped.reply, { status: 'cancelled' });
    assert.equal(seen, 0);
  } finally {
    job.dispose();
  }
});

test('latent-explorer sample on a PixelCNN decoder: a progress line per row on stderr, a grid written; stopped, nothing written', { timeout: 600_000 }, async () => {
  const err: string[] = [];
  const io = { out: () => undefined, err: (l: string) => err.push(l) };
  const out = join(tempDir('le-jobsamples-'), 'grid.png');
  assert.equal(await runSample([pixelcnnDir, '--out', out, '--n', '4'], io), 0);
  const progress = err.filter((l) => l.startsWith('sampling pixel by pixel: '));
  assert.deepEqual(progress.map((l) => l.split(' ')[4]), ['8/64', '16/64', '24/64', '32/64', '40/64', '48/64', '56/64', '64/64']);
  assert.ok(existsSync(out));
  const stopped = join(tempDir('le-jobsamples-'), 'none.png');
  assert.equal(await runSample([pixelcnnDir, '--out', stopped, '--n', '4'], { out: () => undefined, err: () => undefined }, { stop: true }), 130);
  assert.equal(existsSync(stopped), false);
});

test('a mirror-decoder model answers the same request in one pass', { timeout: 600_000 }, async () => {
  const dir = join(tempDir('le-jobsamples-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(data, dir, 1), previewCount: 0 }).reply;
  const job = new ModelJob(repo, dir);
  try {
    const reply = await job.sample(2, 0.5, 1).reply;
    assert.equal(reply.status === 'done' && reply.pixels.length, 2 * 64);
  } finally {
    job.dispose();
  }
});
