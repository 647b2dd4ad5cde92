import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../src/engine/backend';
import { reconstructionErrors, worstFirst } from '../../../src/engine/anomaly';
import { createModel } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { subsetDataset } from '../../../src/data/split';
import { Rng } from '../../../src/shared/rng';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

test('an image unlike the training data gets the highest reconstruction error', async () => {
  await initBackend();
  const train = syntheticDataset(128);
  const model = createModel(tinyConfig(), 1);
  await trainVae(model, { train, validation: null }, { epochs: 8, batchSize: 16, learningRate: 5e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 });
  // 20 ordinary images, and at index 13 one of uniform noise
  const probe = subsetDataset(syntheticDataset(20, 8, 8, 4, 77), Array.from({ length: 20 }, (_, i) => i));
  const rng = new Rng(5);
  for (let p = 0; p < 64; p++) probe.images[13 * 64 + p] = Math.floor(rng.next() * 256);
  const errors = await reconstructionErrors(model, probe, 7);
  assert.equal(errors.length, 20);
  assert.ok(errors.every((e) => Number.isFinite(e) && e > 0));
  assert.equal(worstFirst(errors, 3)[0], 13);
  const sorted = worstFirst(errors, 20).map((i) => errors[i]);
  assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a));
  model.dispose();
});
