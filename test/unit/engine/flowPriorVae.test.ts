// The VAE with a learnable prior and/or a flow posterior as a model: built through the registry, trained on the
// Monte Carlo ELBO, saved and loaded with its prior's and flow's weights, and refused where it does not apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { imagesToTensor } from '../../../src/engine/batches';
import { iwaeLogLikelihoods } from '../../../src/engine/iwae';
import { FlowPriorVae } from '../../../src/engine/models/flowPrior/flowPriorVae';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import { Vae } from '../../../src/engine/models/vae/vae';
import { trainVae } from '../../../src/engine/train';
import { validateConfig, weightSpecsFor } from '../../../src/shared/architecture';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import type { ModelConfig } from '../../../src/shared/types';
import { isUserError } from '../../../src/shared/userError';
import { loadModel, saveCheckpoint } from '../../../src/store';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tempDir';

const VARIANTS: Partial<ModelConfig>[] = [
  { prior: 'mog', priorComponents: 3 },
  { prior: 'vamp', priorComponents: 4 },
  { flow: 'planar', flowSteps: 3 },
  { flow: 'iaf', flowSteps: 2 },
  { prior: 'vamp', priorComponents: 2, flow: 'iaf', flowSteps: 3, net: 'conv', hidden: [8] },
];
const name = (v: Partial<ModelConfig>) => JSON.stringify(v);

test('the registry builds a prior or a flow as a FlowPriorVae and the plain VAE as before; the weights list their parameters', async () => {
  await initBackend();
  const plain = createModel(tinyConfig(), 1);
  assert.ok(plain instanceof Vae && !(plain instanceof FlowPriorVae));
  plain.dispose();
  for (const v of VARIANTS) {
    const model = createModel(tinyConfig(v), 1);
    assert.ok(model instanceof FlowPriorVae, name(v));
    const names = weightSpecsFor(tinyConfig(v)).map((s) => s.name);
    if (v.prior) assert.ok(names.some((n) => n.startsWith('prior/')), name(v));
    if (v.flow) assert.ok(names.some((n) => n.startsWith('flow/')), name(v));
    model.dispose();
  }
});

test('save → load round trip: the same weights, and the same loss terms and IWAE bound for the same seed', async () => {
  await initBackend();
  const ds = syntheticDataset(6);
  for (const v of VARIANTS) {
    const config = tinyConfig(v);
    const model = createModel(config, 2);
    const dir = tempDir('le-flowprior-');
    await saveCheckpoint(dir, {
      status: 'completed',
      model: config,
      training: DEFAULT_TRAIN,
      dataset: { root: '/data', fingerprint: 'f', count: 6, trainCount: 6, validationCount: 0, height: 8, width: 8, channels: 1, labelNames: [] },
      epochs: [],
      evaluation: null,
    }, model);
    const { model: back, manifest } = await loadModel(dir);
    assert.deepEqual(manifest.model, config);
    for (const [n, w] of model.weightValues()) assert.deepEqual(back.weightValues().get(n), w, `${name(v)}: ${n}`);
    const [a, b] = tf.tidy(() => {
      const x = imagesToTensor(ds, [0, 1, 2, 3, 4, 5]);
      const ta = model.lossTerms(x, 31);
      const tb = back.lossTerms(x, 31);
      return [tf.concat([ta.recon, ta.kl!]), tf.concat([tb.recon, tb.kl!])];
    });
    assert.deepEqual(Array.from(b.dataSync()), Array.from(a.dataSync()), name(v));
    assert.deepEqual(await iwaeLogLikelihoods(back, ds, 7, 3), await iwaeLogLikelihoods(model, ds, 7, 3), name(v));
    tf.dispose([a, b]);
    model.dispose();
    back.dispose();
  }
});

test('missing or extra prior/flow weights are refused by name', async () => {
  await initBackend();
  const config = tinyConfig({ prior: 'mog', priorComponents: 3, flow: 'planar', flowSteps: 2 });
  const weights = createModel(config, 1).weightValues();
  const without = new Map(weights);
  without.delete('prior/means');
  assert.throws(() => modelFromWeights(config, without), (e: unknown) => isUserError(e) && /missing weight "prior\/means"/.test((e as Error).message));
  assert.throws(() => modelFromWeights(tinyConfig({ prior: 'mog', priorComponents: 3 }), weights), (e: unknown) => isUserError(e) && /unexpected weight "flow\/planar\/kernel"/.test((e as Error).message));
});

test('configurations: K and N belong to their prior and flow; both are options of the plain VAE', () => {
  const refused = (over: Partial<ModelConfig>, pattern: RegExp) =>
    assert.throws(() => validateConfig(tinyConfig(over)), (e: unknown) => isUserError(e) && pattern.test((e as Error).message), name(over));
  refused({ prior: 'mog' }, /priorComponents undefined must be an integer/);
  refused({ prior: 'vamp', priorComponents: 0 }, /priorComponents 0/);
  refused({ priorComponents: 5 }, /only for a mog or vamp prior/);
  refused({ flow: 'iaf', flowSteps: 65 }, /flowSteps 65/);
  refused({ flowSteps: 2 }, /only for a planar or iaf flow/);
  refused({ prior: 'gmm' as never, priorComponents: 2 }, /unknown prior "gmm"/);
  refused({ model: 'iwae', iwaeK: 5, flow: 'iaf', flowSteps: 2 }, /option of the plain VAE/);
  for (const v of VARIANTS) validateConfig(tinyConfig(v));
});

test('training on the Monte Carlo ELBO lowers the validation −ELBO, with a KL that is the MC estimate (not Σ_d)', async () => {
  await initBackend();
  const train = syntheticDataset(64);
  const validation = syntheticDataset(32, 8, 8, 4, 9);
  for (const v of [VARIANTS[1], VARIANTS[3]]) {
    const model = createModel(tinyConfig(v), 4);
    const r = await trainVae(model, { train, validation }, { ...DEFAULT_TRAIN, epochs: 6, batchSize: 16, learningRate: 1e-2 });
    const first = r.epochs[0].validation!;
    const last = r.epochs.at(-1)!.validation!;
    assert.ok(last.negElbo < first.negElbo - 1, `${name(v)}: ${first.negElbo} → ${last.negElbo}`);
    assert.ok(Number.isFinite(last.kl) && Math.abs(last.negElbo - (last.recon + last.kl)) < 1e-6);
    assert.notEqual(last.kl, last.klPerDim.reduce((a, b) => a + b, 0));
    model.dispose();
  }
});

test("a flow's reconstructions decode f(μ), the code its decoder was trained on", async () => {
  await initBackend();
  const model = createModel(tinyConfig({ flow: 'iaf', flowSteps: 2 }), 5);
  const [mu, code] = tf.tidy(() => {
    const p = model.encode(imagesToTensor(syntheticDataset(4), [0, 1, 2, 3]));
    const s = model.sampleLatent({ ...p, logvar: tf.fill(p.logvar.shape, -30) as tf.Tensor2D }, 1);
    return [tf.sub(model.meanCode(p), p.mu), tf.sub(model.meanCode(p), s.z)];
  });
  assert.ok(tf.max(tf.abs(mu)).dataSync()[0] > 1e-3, 'f(μ) ≠ μ');
  assert.ok(tf.max(tf.abs(code)).dataSync()[0] < 1e-3, 'f(μ) is the flow of a sample with σ → 0');
  tf.dispose([mu, code]);
  model.dispose();
});
