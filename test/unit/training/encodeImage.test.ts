// Encode Image on a conditional VAE: an image file has no label, so the job encodes and reconstructs it under the
// label the model finds most likely, says which, and still places it among the dataset's images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadDataset } from '../../../src/data/loadDataset';
import { initBackend } from '../../../src/engine/backend';
import { createModel } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import { datasetCodes, encodeImageFile } from '../../../src/training/encodeImage';
import { writeTinyDataset } from '../../helpers/tinyFolder';

test('Encode Image on a CVAE: encoded under the most likely label, reported with its probability', async () => {
  await initBackend();
  const root = writeTinyDataset(32);
  const ds = await loadDataset(root);
  const model = createModel({ kind: 'mlp-vae', inputShape: [8, 8, 1], hidden: [16], latentDim: 1, likelihood: 'bernoulli', decoderScale: 0.1, model: 'cvae', labels: ds.labelNames }, 3);
  await trainVae(model, { train: ds, validation: null }, { ...DEFAULT_TRAIN, epochs: 12, batchSize: 8, learningRate: 5e-3 });
  const codes = await datasetCodes(model, ds);
  for (const [file, truth] of [['left/0.png', 'left'], ['right/1.png', 'right']]) {
    const e = await encodeImageFile(model, '/models/m', join(root, file), codes);
    assert.ok(e.label, 'a conditional model reports the label it encoded under');
    assert.equal(e.label.name, truth, `${file}: p(${e.label.name}|x) = ${e.label.probability}`);
    assert.ok(e.label.probability > 0.5 && e.label.probability <= 1);
    assert.equal(e.mu.length, 1);
    assert.ok(Number.isFinite(e.reconError) && e.percentile !== null);
  }
  model.dispose();
});
