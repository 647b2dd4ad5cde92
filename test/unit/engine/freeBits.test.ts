// Free bits (Kingma et al. 2016): the KL term of each latent dimension counts as at least λ nats per image.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { betaLoss, type ElboTerms } from '../../../src/engine/elbo';
import { createModel } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

function terms(kl: number[][], recon: number[]): ElboTerms {
  return { recon: tf.tensor1d(recon), klPerDim: tf.tensor2d(kl), mu: tf.zeros([recon.length, kl[0].length]) };
}

test('free bits: the loss is mean recon + β·Σ_d max(λ, batch-mean KL_d), and 0 reproduces the plain β-loss', async () => {
  await initBackend();
  // batch means per dimension: 0.1, 1.0, 3.0
  const t = terms([[0.0, 1.5, 2.0], [0.2, 0.5, 4.0]], [10, 20]);
  const plain = betaLoss(t, 2).dataSync()[0];
  assert.ok(Math.abs(plain - (15 + 2 * (0.1 + 1 + 3))) < 1e-4, `plain ${plain}`);
  assert.ok(Math.abs(betaLoss(t, 2, 0).dataSync()[0] - plain) < 1e-6);
  const withBits = betaLoss(t, 2, 0.5).dataSync()[0];
  assert.ok(Math.abs(withBits - (15 + 2 * (0.5 + 1 + 3))) < 1e-4, `with λ = 0.5: ${withBits}`);
  // the gradient w.r.t. the KL of a dimension under λ is 0: nothing pushes it further toward collapse
  const g = tf.grad((kl: tf.Tensor) => betaLoss({ ...t, klPerDim: kl as tf.Tensor2D }, 2, 0.5))(t.klPerDim).arraySync() as number[][];
  assert.deepEqual(g.map((row) => row.map((v) => Math.round(v * 1e6) / 1e6)), [[0, 1, 1], [0, 1, 1]]);
});

test('free bits keep latent dimensions in use where a large β collapses them', async () => {
  await initBackend();
  const train = syntheticDataset(256, 8, 8);
  const run = async (freeBits: number) => {
    const model = createModel(tinyConfig({ latentDim: 6 }), 3);
    const { epochs } = await trainVae(model, { train, validation: null }, { epochs: 15, batchSize: 32, learningRate: 3e-3, beta: 8, warmupEpochs: 0, freeBits, seed: 1 });
    model.dispose();
    return epochs.at(-1)!.train;
  };
  const collapsed = await run(0);
  const kept = await run(1);
  const inUse = (kl: number[]) => kl.filter((v) => v > 0.1).length;
  assert.ok(inUse(kept.klPerDim) > inUse(collapsed.klPerDim), `dimensions with KL > 0.1 nats: ${inUse(kept.klPerDim)} with λ = 1, ${inUse(collapsed.klPerDim)} without (KL per dim ${kept.klPerDim.map((v) => v.toFixed(2))} vs ${collapsed.klPerDim.map((v) => v.toFixed(2))})`);
});
