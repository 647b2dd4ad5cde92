// The VAE-GAN (models/vaegan/): its losses against their closed forms, which loss reaches which parameters (each
// optimiser gets its own group and its own objective), a finite step that leaks no tensors, a short training run
// on real images whose epochs carry the GAN figures, and a save/load round trip that keeps the discriminator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { betaLoss } from '../../../src/engine/elbo';
import type { StepOptimizer } from '../../../src/engine/optimizer';
import { discriminatorLoss, featureMatching, generatorLoss } from '../../../src/engine/models/vaegan/ganLosses';
import { VaeGan, type ParameterGroup } from '../../../src/engine/models/vaegan/vaegan';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import type { ModelConfig } from '../../../src/shared/types';
import { isUserError } from '../../../src/shared/userError';
import { loadModel, readManifest } from '../../../src/store';
import { saveCheckpoint } from '../../../src/store/modelStore';
import { runTraining } from '../../../src/training/runTraining';
import { tempDir } from '../../helpers/tempDir';

const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';
/** 8×8 images: one conv stage (→ 4×4×32) in the encoder and the discriminator, small enough to differentiate often. */
const TINY: ModelConfig = { kind: 'mlp-vae', net: 'conv', model: 'vaegan', inputShape: [8, 8, 1], hidden: [16], latentDim: 4, likelihood: 'bernoulli', decoderScale: 0.1, gamma: 0.5 };

const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));

function batch(n: number, seed: number): tf.Tensor2D {
  return tf.randomUniform([n, 64], 0, 1, 'float32', seed) as tf.Tensor2D;
}

test('the losses: ½‖Δ‖² on the features, −[log D(x) + log(1 − D(x̃)) + log(1 − D(x_p))], −log D(x̃) − log D(x_p)', async () => {
  await initBackend();
  const real = [0.3, -2, 4];
  const recon = [1.5, 0.2, -7];
  const prior = [-0.4, 3, 0.1];
  const t = (v: number[]) => tf.tensor1d(v);
  const d = discriminatorLoss(t(real), t(recon), t(prior)).arraySync();
  const g = generatorLoss(t(recon), t(prior)).arraySync();
  for (let i = 0; i < 3; i++) {
    const expectD = -(Math.log(sigmoid(real[i])) + Math.log(1 - sigmoid(recon[i])) + Math.log(1 - sigmoid(prior[i])));
    const expectG = -Math.log(sigmoid(recon[i])) - Math.log(sigmoid(prior[i]));
    assert.ok(Math.abs(d[i] - expectD) < 1e-5 * Math.max(1, expectD), `D loss ${d[i]} vs ${expectD}`);
    assert.ok(Math.abs(g[i] - expectG) < 1e-5 * Math.max(1, expectG), `G loss ${g[i]} vs ${expectG}`);
  }
  // a saturated discriminator (|logit| = 100) stays finite: softplus, not log(σ)
  assert.ok(Number.isFinite(discriminatorLoss(t([-100]), t([100]), t([100])).arraySync()[0]));
  const f = featureMatching(tf.tensor2d([[1, 2, 3], [0, 0, 0]]), tf.tensor2d([[1, 0, 4], [0.5, 0, 0]])).arraySync();
  assert.deepEqual(f, [0.5 * (4 + 1), 0.5 * 0.25]);
});

/** An optimiser that records what it was asked to minimise: its variables, and which of all variables the loss reaches. */
function recorder(all: tf.Variable[], log: Map<string, { given: string[]; reaches: Set<string>; value: number }>, name: string): StepOptimizer {
  return {
    minimize: (f, vars) => {
      const { value, grads } = tf.variableGrads(f, all);
      const reaches = new Set(Object.entries(grads).filter(([, g]) => tf.any(tf.notEqual(g, 0)).dataSync()[0]).map(([n]) => n));
      log.set(name, { given: vars.map((v) => v.name), reaches, value: value.dataSync()[0] });
      tf.dispose(Object.values(grads));
      return value;
    },
    dispose: () => undefined,
  };
}

test('gradient routing: each group has its own optimiser and objective; D’s loss reaches D alone, the others reach D but do not update it', async () => {
  await initBackend();
  const model = VaeGan.create(TINY, 3);
  const x = batch(16, 1);
  try {
    const all = model.trainableVariables();
    const log = new Map<string, { given: string[]; reaches: Set<string>; value: number }>();
    const groups: ParameterGroup[] = ['encoder', 'decoder', 'discriminator'];
    // the step's optimisers replaced by recorders (the field trainStep creates on its first call)
    (model as unknown as { optimisers: Record<ParameterGroup, StepOptimizer> }).optimisers = Object.fromEntries(groups.map((g) => [g, recorder(all, log, g)])) as Record<ParameterGroup, StepOptimizer>;
    let observed = 0;
    tf.dispose(model.trainStep(x, 7, { learningRate: 1e-3, lossOf: (t) => betaLoss(t, 1), observe: () => observed++ }));
    assert.equal(observed, 1, 'the loop sees the step’s ELBO terms once');
    const names = Object.fromEntries(groups.map((g) => [g, new Set(model.variablesOf(g).map((v) => v.name))])) as Record<ParameterGroup, Set<string>>;
    // the three groups partition the model's variables
    assert.equal(names.encoder.size + names.decoder.size + names.discriminator.size, all.length);
    for (const g of groups) assert.deepEqual(new Set(log.get(g)!.given), names[g], `${g} optimiser updates its own group`);
    const reaches = (loss: ParameterGroup, group: ParameterGroup) => [...names[group]].some((n) => log.get(loss)!.reaches.has(n));
    // the discriminator's loss sees the decoder's images as constants
    assert.deepEqual([reaches('discriminator', 'discriminator'), reaches('discriminator', 'decoder'), reaches('discriminator', 'encoder')], [true, false, false]);
    // the decoder's and the encoder's losses pass through D (feature matching, the GAN term) and through the decoder
    assert.deepEqual([reaches('decoder', 'decoder'), reaches('decoder', 'discriminator')], [true, true]);
    assert.deepEqual([reaches('encoder', 'encoder'), reaches('encoder', 'decoder'), reaches('encoder', 'discriminator')], [true, true, true]);
  } finally {
    x.dispose();
    model.dispose();
  }
});

test('γ weighs the reconstruction terms in the decoder’s objective only: ∇_dec L_dec(γ) is affine in γ, the encoder’s and D’s objectives do not move', async () => {
  await initBackend();
  const x = batch(8, 2);
  const grads = (gamma: number, group: ParameterGroup) => {
    const model = VaeGan.create({ ...TINY, gamma }, 5);
    const vars = model.variablesOf(group);
    const losses = model.groupLosses(x, 11, (t) => betaLoss(t, 1));
    const { value, grads: g } = tf.variableGrads(losses[group], vars);
    losses.dispose();
    const flat = tf.concat(vars.map((v) => tf.reshape(g[v.name], [-1]))).dataSync().slice();
    const out = { value: value.dataSync()[0], flat };
    tf.dispose([value, ...Object.values(g)]);
    model.dispose();
    return out;
  };
  const [d0, d1, d2] = [0, 1, 2].map((g) => grads(g, 'decoder'));
  // L_dec = γ·(pixel + features) + GAN: the second difference in γ is zero, the first is the reconstruction's gradient
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < d0.flat.length; i++) {
    worst = Math.max(worst, Math.abs(d2.flat[i] - 2 * d1.flat[i] + d0.flat[i]));
    scale = Math.max(scale, Math.abs(d1.flat[i] - d0.flat[i]));
  }
  assert.ok(scale > 0, 'the reconstruction terms reach the decoder');
  assert.ok(worst < 1e-3 * scale, `second difference ${worst} vs first ${scale}`);
  assert.ok(Math.abs(d2.value - 2 * d1.value + d0.value) < 1e-3 * Math.abs(d1.value - d0.value));
  for (const group of ['encoder', 'discriminator'] as const) {
    const [a, b] = [0, 2].map((g) => grads(g, group));
    assert.equal(a.value, b.value, `${group} objective does not depend on γ`);
  }
  x.dispose();
});

test('steps are finite, move every group, and leave no tensors behind', async () => {
  await initBackend();
  const model = VaeGan.create(TINY, 4);
  const x = batch(16, 3);
  const step = { learningRate: 1e-3, lossOf: (t: Parameters<typeof betaLoss>[0]) => betaLoss(t, 1), observe: () => undefined };
  try {
    const before = model.weightValues();
    tf.dispose(model.trainStep(x, 1, step));
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const loss = model.trainStep(x, 2 + i, step);
      assert.ok(Number.isFinite(loss.dataSync()[0]));
      loss.dispose();
    }
    assert.equal(tf.memory().numTensors, baseline, 'a step keeps no tensor');
    const after = model.weightValues();
    for (const g of ['encoder', 'decoder', 'discriminator'] as const) {
      for (const v of model.variablesOf(g)) {
        const name = [...after.keys()].find((n) => v.name.startsWith(`${n}_`))!;
        assert.ok(after.get(name)!.every(Number.isFinite), `${name} finite`);
      }
      const moved = model.variablesOf(g).some((v) => {
        const name = [...after.keys()].find((n) => v.name.startsWith(`${n}_`))!;
        return after.get(name)!.some((value, i) => value !== before.get(name)![i]);
      });
      assert.ok(moved, `${g} weights moved`);
    }
  } finally {
    x.dispose();
    model.dispose();
  }
});

test('a VAE-GAN trains on real images with its GAN figures per epoch, and saves and loads back with its discriminator', async () => {
  await initBackend();
  const dir = join(tempDir('le-vaegan-'), 'model');
  const outcome = await runTraining({
    datasetPath: FASHION,
    modelDir: dir,
    model: { model: 'vaegan', latentDim: 8 },
    train: { ...DEFAULT_TRAIN, epochs: 1, batchSize: 32, seed: 2 },
    load: { limit: 96 },
    validationFraction: 0,
  });
  assert.equal(outcome.status, 'completed');
  assert.deepEqual([outcome.model.net, outcome.model.hidden, outcome.model.gamma], ['conv', [256], 0.1]);
  const gan = outcome.epochs[0].gan!;
  for (const v of [gan.discriminator, gan.generator, gan.featureMatching, gan.realScore, gan.fakeScore]) assert.ok(Number.isFinite(v));
  assert.ok(gan.realScore > 0 && gan.realScore < 1 && gan.fakeScore > 0 && gan.fakeScore < 1);
  assert.equal(gan.sharpness!.nImages, 96);
  assert.ok(gan.sharpness!.data > 0.05, `data sharpness ${gan.sharpness!.data}`);

  const { model, manifest } = await loadModel(dir);
  assert.ok(model instanceof VaeGan);
  const names = [...model.weightValues().keys()];
  assert.ok(names.includes('discriminator/out/kernel') && names.includes('encoder/mu/kernel'));
  // one more step, saved elsewhere and read back: the same numbers everywhere, the discriminator's included
  const img = tf.randomUniform([4, 784], 0, 1, 'float32', 9) as tf.Tensor2D;
  tf.dispose(model.trainStep(img, 1, { learningRate: 1e-3, lossOf: (t) => betaLoss(t, 1), observe: () => undefined }));
  const dir2 = join(tempDir('le-vaegan-'), 'copy');
  const { format: _f, version: _v, createdAt: _c, updatedAt: _u, weights: _w, ...info } = await readManifest(dir);
  await saveCheckpoint(dir2, info, model);
  const back = (await loadModel(dir2)).model as VaeGan;
  const a = model.weightValues();
  const b = back.weightValues();
  assert.deepEqual([...b.keys()], [...a.keys()]);
  for (const [n, v] of a) assert.deepEqual(b.get(n), v, n);
  const logit = (m: VaeGan) => tf.tidy(() => m.logit(m.features(img)).dataSync());
  assert.deepEqual(logit(back), logit(model));
  assert.equal(manifest.model.model, 'vaegan');
  // weights without the discriminator are refused, naming what is missing
  const partial = new Map([...a].filter(([n]) => !n.startsWith('discriminator/')));
  assert.throws(() => VaeGan.fromWeights(manifest.model, partial), (e: unknown) => isUserError(e) && /missing weight "discriminator\/conv0\/kernel"/.test(e.message));
  img.dispose();
  model.dispose();
  back.dispose();
});
