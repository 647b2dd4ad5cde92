import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../src/engine/backend';
import { iwaeLogLikelihoods } from '../../../src/engine/iwae';
import { measureSplit } from '../../../src/engine/measure';
import { createModel } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

test('IWAE bound is ≥ the ELBO and non-decreasing in k on average', async () => {
  await initBackend();
  const ds = syntheticDataset(64);
  const model = createModel(tinyConfig(), 2);
  await trainVae(model, { train: ds, validation: null }, { epochs: 3, batchSize: 16, learningRate: 3e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 });
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  // average ELBO over several single-sample passes to tame its noise
  let elbo = 0;
  for (let s = 0; s < 8; s++) elbo += -(await measureSplit(model, ds, 64, 100 + s)).negElbo / 8;
  const l1 = mean(await iwaeLogLikelihoods(model, ds, 1, 7));
  const l10 = mean(await iwaeLogLikelihoods(model, ds, 10, 8));
  const l100 = mean(await iwaeLogLikelihoods(model, ds, 100, 9));
  assert.ok(Math.abs(l1 - elbo) < 1.0, `L_1 ${l1} should estimate the ELBO ${elbo}`);
  assert.ok(l10 >= elbo - 0.05, `L_10 ${l10} < ELBO ${elbo}`);
  assert.ok(l100 >= l10 - 0.05, `L_100 ${l100} < L_10 ${l10}`);
  assert.ok(l100 > elbo, `L_100 ${l100} should beat the ELBO ${elbo}`);
});

test('IWAE with k larger than one chunk gives the same estimate as smaller chunks on average', async () => {
  await initBackend();
  const ds = syntheticDataset(3);
  const model = createModel(tinyConfig(), 4);
  const big = await iwaeLogLikelihoods(model, ds, 5000, 1, 3);
  for (const v of big) assert.ok(Number.isFinite(v));
  const small = await iwaeLogLikelihoods(model, ds, 5000, 2, 1);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(big[i] - small[i]) < 0.5, `${big[i]} vs ${small[i]}`);
});

test("a model's maxScoredRows bounds the rows each likelihood pass scores (a PixelCNN decoder: the default ran the wasm heap out of memory at 28×28)", async () => {
  await initBackend();
  const ds = syntheticDataset(3, 8, 8);
  const model = createModel({ ...tinyConfig(), inputShape: [8, 8, 1], hidden: [16], latentDim: 2, likelihood: 'bernoulli', decoder: 'pixelcnn' }, 5);
  assert.ok(model.maxScoredRows !== undefined && model.maxScoredRows < 3 * 300, 'the PixelCNN model bounds its rows');
  let most = 0;
  const score = model.logLikelihood.bind(model);
  model.logLikelihood = (x, raw) => {
    most = Math.max(most, x.shape[0]);
    return score(x, raw);
  };
  // 3 images × k = 300 is 900 rows: one pass under the default bound, several under the model's
  const ll = await iwaeLogLikelihoods(model, ds, 300, 1);
  for (const v of ll) assert.ok(Number.isFinite(v) && v < 0, String(v));
  assert.ok(most > 0 && most <= model.maxScoredRows!, `${most} rows scored at once, bound ${model.maxScoredRows}`);
  model.dispose();
});
