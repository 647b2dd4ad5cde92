// A CVAE given an image without its label picks the label whose ELBO(x|y) is highest: p(y|x) ∝ p(x|y).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { imagesToTensor } from '../../../src/engine/batches';
import { labelPosterior } from '../../../src/engine/labelPosterior';
import { createModel } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

test('CVAE label posterior: sums to 1, picks the highest ELBO, and finds the label of images it was trained on', async () => {
  await initBackend();
  const ds = syntheticDataset(64);
  const model = createModel(tinyConfig({ model: 'cvae', labels: ds.labelNames, latentDim: 1 }), 4);
  await trainVae(model, { train: ds, validation: null }, { ...DEFAULT_TRAIN, epochs: 12, batchSize: 16, learningRate: 5e-3 });
  let right = 0;
  for (let i = 0; i < 16; i++) {
    const x = imagesToTensor(ds, [i]);
    const p = await labelPosterior(model, x, 16, 9);
    x.dispose();
    assert.ok(Math.abs(p.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.equal(p.best, p.elbos.indexOf(Math.max(...p.elbos)));
    assert.equal(p.probabilities.length, 4);
    if (p.best === ds.labels![i]) right++;
  }
  // each class fills its own quadrant: a decoder that uses its label makes the right label far more likely
  assert.ok(right >= 12, `the true label was found for ${right} of 16 images`);
  const before = tf.memory().numTensors;
  const x = imagesToTensor(ds, [0]);
  await labelPosterior(model, x);
  x.dispose();
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
  model.dispose();
});
