// A conv VAE trains end to end on a folder of images (the path the CLI and the job process take) and its saved
// folder loads back to the same model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { imagesToTensor } from '../../../src/engine/batches';
import { createModel } from '../../../src/engine/models/registry';
import { loadModel, readManifest, saveCheckpoint } from '../../../src/store';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import { runTraining } from '../../../src/training/runTraining';
import { tempDir } from '../../helpers/tempDir';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';
import { writeTinyDataset } from '../../helpers/tinyFolder';

test('a conv VAE trains on the tiny folder, its loss falls, and the saved folder loads back to the same model', async () => {
  await initBackend();
  const modelDir = join(tempDir('le-conv-'), 'model');
  const outcome = await runTraining({
    datasetPath: writeTinyDataset(64),
    modelDir,
    model: { net: 'conv', hidden: [32], latentDim: 2 },
    train: { ...DEFAULT_TRAIN, epochs: 6, batchSize: 16, learningRate: 3e-3, seed: 2 },
    validationFraction: 0.25,
  });
  assert.equal(outcome.status, 'completed');
  const losses = outcome.epochs.map((e) => e.validation!.negElbo);
  assert.ok(losses[5] < 0.9 * losses[0], `validation −ELBO by epoch: ${losses.map((l) => l.toFixed(1)).join(', ')}`);

  const manifest = await readManifest(modelDir);
  assert.equal(manifest.model.net, 'conv');
  const { model } = await loadModel(modelDir);
  assert.equal(model.architecture.encoder.layers[0].op, 'conv2d');
  model.dispose();
});

test('save → load of a conv VAE gives the same weights, encoder and decoder outputs', async () => {
  await initBackend();
  const config = tinyConfig({ net: 'conv', inputShape: [8, 8, 1], hidden: [12], latentDim: 3, likelihood: 'laplace', decoderScale: 'learned' });
  const model = createModel(config, 6);
  const dir = tempDir('le-conv-store-');
  await saveCheckpoint(dir, {
    status: 'completed',
    model: config,
    training: DEFAULT_TRAIN,
    dataset: { root: '/data', fingerprint: 'f', count: 5, trainCount: 5, validationCount: 0, height: 8, width: 8, channels: 1, labelNames: [] },
    epochs: [],
    evaluation: null,
  }, model);
  const { model: back, manifest } = await loadModel(dir);
  assert.equal(manifest.model.net, 'conv');
  for (const [name, v] of back.weightValues()) assert.deepEqual(v, model.weightValues().get(name), name);
  const x = imagesToTensor(syntheticDataset(5), [0, 1, 2, 3, 4]);
  const a = model.encode(x);
  const b = back.encode(x);
  assert.deepEqual(Array.from(a.mu.dataSync()), Array.from(b.mu.dataSync()));
  assert.deepEqual(Array.from(model.decode(a.mu).dataSync()), Array.from(back.decode(a.mu).dataSync()));
  tf.dispose([x, a.mu, a.logvar, b.mu, b.logvar]);
  model.dispose();
  back.dispose();
});
