import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { createModel } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { warmupBeta } from '../../../src/engine/schedule';
import { lerp, slerp } from '../../../src/shared/interpolate';
import { isUserError } from '../../../src/shared/userError';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';
import type { TrainConfig } from '../../../src/shared/types';

const cfg: TrainConfig = { epochs: 4, batchSize: 16, learningRate: 3e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 };

test('training lowers −ELBO, reports per-dimension KL that sums to KL, and is reproducible', async () => {
  await initBackend();
  const train = syntheticDataset(96);
  const validation = syntheticDataset(32, 8, 8, 4, 9);
  const run = async () => {
    const m = createModel(tinyConfig(), 7);
    const r = await trainVae(m, { train, validation }, cfg);
    m.dispose();
    return r;
  };
  const a = await run();
  const b = await run();
  assert.equal(a.status, 'completed');
  assert.equal(a.epochs.length, 4);
  const first = a.epochs[0];
  const last = a.epochs[3];
  assert.ok(last.validation!.negElbo < first.validation!.negElbo, 'validation −ELBO should fall');
  for (const m of [last.train, last.validation!]) {
    const s = m.klPerDim.reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(s - m.kl) < 1e-6 * Math.max(1, m.kl));
    assert.ok(Math.abs(m.negElbo - (m.recon + m.kl)) < 1e-6 * m.negElbo);
    assert.ok(m.activeUnits >= 0 && m.activeUnits <= 3);
  }
  assert.deepEqual(a.epochs.map((e) => e.validation!.negElbo), b.epochs.map((e) => e.validation!.negElbo));
});

test('tensor count stays flat over epochs', async () => {
  await initBackend();
  const train = syntheticDataset(64);
  const m = createModel(tinyConfig(), 1);
  const counts: number[] = [];
  await trainVae(m, { train, validation: train }, { ...cfg, epochs: 5 }, { onEpochEnd: () => void counts.push(tf.memory().numTensors) });
  assert.equal(counts[4], counts[1], `tensors per epoch: ${counts.join(', ')}`);
  m.dispose();
});

test('shouldStop cancels with status "cancelled" and keeps finished epochs', async () => {
  await initBackend();
  const m = createModel(tinyConfig(), 1);
  let batches = 0;
  const r = await trainVae(m, { train: syntheticDataset(64), validation: null }, cfg, {
    onBatch: () => void batches++,
    shouldStop: () => batches >= 6,
  });
  assert.equal(r.status, 'cancelled');
  assert.equal(r.epochs.length, 1);
});

test('a diverging loss stops training with a UserError', async () => {
  await initBackend();
  const m = createModel(tinyConfig({ likelihood: 'gaussian', decoderScale: 'learned' }), 1);
  await assert.rejects(
    trainVae(m, { train: syntheticDataset(64), validation: null }, { ...cfg, learningRate: 1e12 }),
    (e: unknown) => isUserError(e) && /diverged/.test((e as Error).message),
  );
});

test('KL warm-up rises linearly from 0 to β over the warm-up epochs', () => {
  const c = { beta: 2, warmupEpochs: 2 };
  assert.equal(warmupBeta(0, 10, c), 0);
  assert.equal(warmupBeta(10, 10, c), 1);
  assert.equal(warmupBeta(20, 10, c), 2);
  assert.equal(warmupBeta(99, 10, c), 2);
  assert.equal(warmupBeta(0, 10, { beta: 0.5, warmupEpochs: 0 }), 0.5);
});

test('slerp and lerp hit their endpoints; slerp keeps the norm between equal-norm codes', () => {
  const a = Float32Array.from([3, 0, 0]);
  const b = Float32Array.from([0, 3, 0]);
  for (const f of [lerp, slerp]) {
    assert.deepEqual(Array.from(f(a, b, 0)), Array.from(a));
    assert.ok(f(a, b, 1).every((v, i) => Math.abs(v - b[i]) < 1e-6));
  }
  const mid = slerp(a, b, 0.5);
  assert.ok(Math.abs(Math.hypot(...mid) - 3) < 1e-5);
  assert.ok(Math.hypot(...lerp(a, b, 0.5)) < 2.2);
});
