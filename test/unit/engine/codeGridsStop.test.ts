// Encoding a dataset to code grids (the first step of fitting a VQ-VAE's code prior) hears a stop between its
// batches, so a cancel need not wait for every training image to be encoded; without a stop it is unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/data/loadDataset';
import { initBackend } from '../../../src/engine/backend';
import { codeGridsOf } from '../../../src/engine/models/vqvae/usage';
import { VqVae } from '../../../src/engine/models/vqvae/vqvae';
import { vqLatentDim } from '../../../src/shared/architecture';
import type { ModelConfig } from '../../../src/shared/types';
import { writeTinyDataset } from '../../helpers/tinyFolder';

test('codeGridsOf stops between batches when asked, and gives the same grids as without a stop otherwise', async () => {
  await initBackend();
  const ds = await loadDataset(writeTinyDataset(30));
  const config: ModelConfig = {
    kind: 'mlp-vae', net: 'conv', model: 'vqvae', inputShape: [8, 8, 1], hidden: [], likelihood: 'bernoulli', decoderScale: 0.1,
    codebookSize: 8, codeDim: 4, commitment: 0.25, ema: false, latentDim: vqLatentDim([8, 8, 1], 4),
  };
  const model = VqVae.create(config, 1);
  try {
    const plain = await codeGridsOf(model, ds, 10);
    assert.equal(plain.length, 30 * model.cells);
    const asked: number[] = [];
    // three batches of 10: asked before each; stop before the second
    const stopped = await codeGridsOf(model, ds, 10, () => asked.push(asked.length) > 1);
    assert.equal(stopped, null);
    assert.equal(asked.length, 2);
    assert.deepEqual(await codeGridsOf(model, ds, 10, () => false), plain);
  } finally {
    model.dispose();
  }
});
