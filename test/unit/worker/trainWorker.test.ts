// A training run in a job process of its own (dist/worker.js through runJob), as the extension host drives it,
// outside VS Code. Build first: the job process is the bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runJob } from '../../../src/extension/jobProcess';
import { initBackend } from '../../../src/engine/backend';
import { Rng } from '../../../src/shared/rng';
import { loadModel } from '../../../src/store/modelStore';
import type { JobProgress } from '../../../src/protocol/job';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tinyJob } from './tinyJob';

const repo = resolve(__dirname, '../../..');

test('cancel after the first epoch keeps that checkpoint and reports "cancelled"', async () => {
  const data = writeTinyDataset(60);
  const modelDir = join(tempDir('le-worker-'), 'm');
  const seen: JobProgress['type'][] = [];
  const run = runJob(repo, { type: 'train', job: tinyJob(data, modelDir, 500), previewCount: 4 }, (p) => {
    seen.push(p.type);
    if (p.type === 'epoch') {
      assert.equal(p.preview?.count, 4);
      run.cancel();
    }
  });
  const outcome = await run.reply;
  assert.equal(outcome.status, 'cancelled');
  assert.ok(seen.includes('loaded') && seen.includes('batch') && seen.includes('epoch'));
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.status, 'cancelled');
  assert.equal(manifest.epochs.length, outcome.epochs.length);
  assert.ok(existsSync(join(modelDir, manifest.weights.file)));
});

test('batch progress is throttled to about ten a second, the last batch of an epoch always sent', async () => {
  const data = writeTinyDataset(200);
  const modelDir = join(tempDir('le-worker-'), 'm');
  const batches: { epoch: number; batch: number; batches: number }[] = [];
  const outcome = await runJob(repo, { type: 'train', job: tinyJob(data, modelDir, 3), previewCount: 0 }, (p) => {
    if (p.type === 'batch') batches.push(p);
  }).reply;
  assert.equal(outcome.status, 'completed');
  const perEpoch = batches[0].batches;
  for (let e = 1; e <= 3; e++) assert.ok(batches.some((b) => b.epoch === e && b.batch === perEpoch), `epoch ${e} reported its last batch`);
  // 40 batches an epoch of a 16-unit model take a few ms each: most are not forwarded
  assert.ok(batches.length < 3 * perEpoch, `${batches.length} of ${3 * perEpoch} batches were forwarded`);
});

test('a job error arrives as a UserError, not a crash', async () => {
  const modelDir = join(tempDir('le-worker-'), 'm');
  await assert.rejects(runJob(repo, { type: 'train', job: tinyJob('/no/such/folder', modelDir, 1), previewCount: 0 }).reply, (e: unknown) => (e as Error).name === 'UserError' && /does not exist/.test((e as Error).message));
});

// 10 kill points in `npm test`, LE_KILL_POINTS (50) in `npm run test:stress`
const KILL_POINTS = Math.max(1, Math.round((Number(process.env.LE_KILL_POINTS) || 12) * 0.8));

test(`SIGKILL of the training process at ${KILL_POINTS} random points leaves a complete, loadable checkpoint; the host is told`, { timeout: 600_000 }, async () => {
  await initBackend();
  const data = writeTinyDataset(120);
  const base = tempDir('le-jobkill-');
  const rng = new Rng(11);
  for (let i = 0; i < KILL_POINTS; i++) {
    const modelDir = join(base, `m${i}`);
    // the kill point comes from the job's own progress, not from the clock: after its first checkpoint (the
    // first 'epoch' report), on that report itself or on one of the next few batch reports (~0.1 s apart)
    const after = Math.floor(rng.next() * 6);
    let checkpoints = 0;
    let batches = 0;
    let killed = false;
    const run = runJob(repo, { type: 'train', job: tinyJob(data, modelDir, 500), previewCount: 0 }, (p) => {
      if (p.type === 'epoch') checkpoints++;
      else if (p.type === 'batch' && checkpoints > 0) batches++;
      // reports already on their way arrive after the kill: one kill only
      if (!killed && checkpoints > 0 && batches === after) {
        killed = true;
        process.kill(run.pid!, 'SIGKILL');
      }
    });
    const outcome = await run.reply.then(() => 'finished', (e: Error) => e.message);
    assert.match(outcome, /killed by SIGKILL; the last checkpoint is kept/);
    const { manifest, model } = await loadModel(modelDir);
    assert.ok(manifest.epochs.length >= 1, `kill ${i}: a checkpoint with ${manifest.epochs.length} epochs`);
    model.dispose();
  }
});

test('a job that runs out of memory is reported as a UserError and the host carries on', async () => {
  const data = writeTinyDataset(40);
  const modelDir = join(tempDir('le-worker-'), 'm');
  // a heap limit far below what loading tfjs needs: the job's process dies of OOM in its first second
  const tiny = { heapLimitMb: 8 };
  await assert.rejects(runJob(repo, { type: 'train', job: tinyJob(data, modelDir, 1), previewCount: 0 }, undefined, tiny).reply, (e: unknown) => (e as Error).name === 'UserError' && /ran out of memory/.test((e as Error).message));
  // and a normal job right after works: nothing in this thread was damaged
  const ok = await runJob(repo, { type: 'train', job: tinyJob(data, modelDir, 1), previewCount: 0 }).reply;
  assert.equal(ok.status, 'completed');
});
