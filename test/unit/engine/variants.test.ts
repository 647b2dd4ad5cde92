// The model variants beside the VAE: the IWAE objective (k = 1 is the VAE's loss, k > 1 a tighter bound), the
// conditional VAE (labels concatenated where the description says, decoding under different labels differs, saves
// and loads), and the cyclical KL schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { imagesToTensor } from '../../../src/engine/batches';
import { conditionFor, labelTensor } from '../../../src/engine/condition';
import { betaLoss } from '../../../src/engine/elbo';
import { iwaeTerms } from '../../../src/engine/models/iwae/iwae';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import { cyclicalBeta, klBeta } from '../../../src/engine/schedule';
import { trainVae } from '../../../src/engine/train';
import { describeModel, validateConfig } from '../../../src/shared/architecture';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import { isUserError } from '../../../src/shared/userError';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

const LABELS = ['c0', 'c1', 'c2', 'c3'];
const idx = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

test('IWAE with k = 1 is the VAE objective exactly: same weights, same seed, same loss', async () => {
  await initBackend();
  const ds = syntheticDataset(24);
  const vae = createModel(tinyConfig(), 5);
  const iwae = createModel(tinyConfig({ model: 'iwae', iwaeK: 1 }), 5);
  assert.deepEqual([...iwae.weightValues().values()], [...vae.weightValues().values()], 'the same initial weights for the same seed');
  for (const [beta, freeBits] of [[1, 0], [0.3, 0], [1, 0.5]]) {
    const [a, b] = tf.tidy(() => {
      const x = imagesToTensor(ds, idx(ds.count));
      return [betaLoss(vae.lossTerms(x, 77), beta, freeBits), betaLoss(iwae.lossTerms(x, 77), beta, freeBits)];
    });
    assert.equal(b.dataSync()[0], a.dataSync()[0], `β ${beta}, free bits ${freeBits}`);
    tf.dispose([a, b]);
  }
  // and a different seed gives a different loss, so the equality above is not vacuous
  const [c, d] = tf.tidy(() => {
    const x = imagesToTensor(ds, idx(ds.count));
    return [betaLoss(vae.lossTerms(x, 77), 1), betaLoss(iwae.lossTerms(x, 78), 1)];
  });
  assert.notEqual(c.dataSync()[0], d.dataSync()[0]);
  tf.dispose([c, d]);
  vae.dispose();
  iwae.dispose();
});

test('IWAE with k = 5: the bound is ≥ the ELBO image by image, and training on it runs and improves', async () => {
  await initBackend();
  const ds = syntheticDataset(32);
  const model = createModel(tinyConfig({ model: 'iwae', iwaeK: 5 }), 3);
  const gaps = tf.tidy(() => iwaeTerms(model, imagesToTensor(ds, idx(ds.count)), 9, 5).iwaeGap!);
  const g = gaps.dataSync();
  gaps.dispose();
  // the gap is log-mean-exp minus mean of the same 5 log-weights: ≥ 0 by Jensen, > 0 unless all weights agree
  for (const v of g) assert.ok(v >= 0, `gap ${v}`);
  assert.ok(g.some((v) => v > 1e-3), 'some image gains from 5 samples');
  const before = tf.memory().numTensors;
  const result = await trainVae(model, { train: ds, validation: null }, { ...DEFAULT_TRAIN, epochs: 4, batchSize: 16, learningRate: 3e-3 });
  assert.equal(tf.memory().numTensors, before, 'no tensor leaks from the k-sample loss');
  assert.ok(result.epochs[3].train.negElbo < result.epochs[0].train.negElbo, 'training lowers −ELBO');
  model.dispose();
});

test('cyclical β: 0 at the start of every cycle, β from the ratio on, linear between (closed form)', () => {
  const cfg = { beta: 2, klCycles: 4, klRatio: 0.5 };
  const total = 400; // cycles of 100 steps
  for (let c = 0; c < 4; c++) {
    assert.equal(cyclicalBeta(c * 100, total, cfg), 0, `cycle ${c} starts at 0`);
    assert.equal(cyclicalBeta(c * 100 + 25, total, cfg), 1, 'half way up the ramp: β/2');
    assert.equal(cyclicalBeta(c * 100 + 50, total, cfg), 2, 'top of the ramp at R');
    assert.equal(cyclicalBeta(c * 100 + 99, total, cfg), 2, 'stays at β to the end of the cycle');
  }
  assert.equal(cyclicalBeta(10, 400, { beta: 1, klCycles: 1, klRatio: 1 }), 10 / 400, 'one cycle, R = 1: linear over the run');
  // through klBeta, by epochs: 8 epochs × 10 steps, 2 cycles → period 40
  const run = { ...DEFAULT_TRAIN, epochs: 8, beta: 1, klSchedule: 'cyclical' as const, klCycles: 2, klRatio: 0.25 };
  assert.deepEqual([0, 5, 10, 39, 40, 45, 50].map((s) => klBeta(s, 10, run)), [0, 0.5, 1, 1, 0, 0.5, 1]);
  // warm-up stays what it was
  assert.equal(klBeta(5, 10, { ...DEFAULT_TRAIN, warmupEpochs: 1, beta: 1 }), 0.5);
  assert.equal(klBeta(5, 10, { ...DEFAULT_TRAIN, beta: 3 }), 3);
});

test("cyclical training: each epoch's β is the average of its steps' β, and the cycles show in it", async () => {
  await initBackend();
  const ds = syntheticDataset(40);
  const model = createModel(tinyConfig(), 1);
  // 4 steps per epoch, 8 epochs, 2 cycles of 16 steps, ramp over 8 steps
  const r = await trainVae(model, { train: ds, validation: null }, { ...DEFAULT_TRAIN, epochs: 8, batchSize: 10, klSchedule: 'cyclical', klCycles: 2, klRatio: 0.5 });
  const expected = Array.from({ length: 8 }, (_, e) => [0, 1, 2, 3].reduce((s, b) => s + Math.min(1, ((e * 4 + b) % 16) / 8), 0) / 4);
  assert.deepEqual(r.epochs.map((m) => m.beta), expected);
  assert.equal(r.epochs[4].beta, r.epochs[0].beta, 'the second cycle restarts');
  model.dispose();
});

test('CVAE: the label is concatenated to the encoder input and to z, and the weights grow by the label rows', () => {
  const config = tinyConfig({ model: 'cvae', labels: LABELS, hidden: [16] });
  const a = describeModel(config);
  const specs = Object.fromEntries(a.weights.map((w) => [w.name, w.shape.join('×')]));
  assert.equal(specs['encoder/dense0/kernel'], `${64 + 4}×16`);
  assert.equal(specs['decoder/dense0/kernel'], `${3 + 4}×16`);
  assert.equal(specs['encoder/mu/kernel'], '16×3', 'the heads read the trunk, not the label again');
  assert.equal(a.encoder.layers[0].op === 'dense' && a.encoder.layers[0].condition, 4);
  assert.equal(a.decoder.inSize, 3, 'the network input stays z; the label is the condition');
  // with no trunk both heads read image and label
  const flat = describeModel(tinyConfig({ model: 'cvae', labels: LABELS, hidden: [] }));
  assert.deepEqual(flat.weights.filter((w) => w.name.endsWith('kernel')).map((w) => w.shape), [[68, 3], [68, 3], [7, 64]]);
  assert.throws(() => validateConfig(tinyConfig({ model: 'cvae' })), /needs labels/);
  assert.throws(() => validateConfig(tinyConfig({ model: 'vae', labels: LABELS })), /only for a conditional VAE/);
  assert.throws(() => validateConfig(tinyConfig({ model: 'iwae', iwaeK: 0 })), /iwaeK 0/);
});

test('CVAE: decoding one z under different labels gives different images; it refuses to run without labels; it saves and loads', async () => {
  await initBackend();
  const ds = syntheticDataset(48);
  const config = tinyConfig({ model: 'cvae', labels: LABELS, latentDim: 2 });
  const model = createModel(config, 4);
  await trainVae(model, { train: ds, validation: null }, { ...DEFAULT_TRAIN, epochs: 6, batchSize: 16, learningRate: 5e-3 });
  const z = tf.zeros([4, 2]) as tf.Tensor2D;
  const y = labelTensor(config, [0, 1, 2, 3]);
  const out = model.decode(z, y);
  const img = out.arraySync() as number[][];
  for (let i = 1; i < 4; i++) {
    const diff = img[0].reduce((s, v, j) => s + Math.abs(v - img[i][j]), 0) / img[0].length;
    assert.ok(diff > 0.01, `label ${i} changes the image (mean |Δ| ${diff})`);
  }
  assert.throws(() => model.decode(z), (e: unknown) => isUserError(e) && /conditional VAE.*c0, c1, c2, c3/.test(e.message));
  const copy = modelFromWeights(config, model.weightValues());
  const again = copy.decode(z, y);
  assert.deepEqual(again.dataSync(), out.dataSync());
  // the dataset's labels are matched by name, not by position
  const renamed = { ...ds, labelNames: ['c3', 'c2', 'c1', 'c0'] };
  const c = conditionFor(config, renamed, [0, 1])!;
  assert.deepEqual(c.arraySync(), [[0, 0, 0, 1], [0, 0, 1, 0]]);
  assert.throws(() => conditionFor(config, { ...ds, labelNames: ['c0', 'c1', 'c2', 'x'] }, [3]), /Unknown label "x": this model's labels are c0, c1, c2, c3/);
  assert.throws(() => conditionFor(config, { ...ds, labels: null }, [0]), /needs labelled images/);
  tf.dispose([z, y, out, again, c]);
  model.dispose();
  copy.dispose();
});

test('CVAE on the conv network: the label joins the first dense layer after the convolutions, and z in the decoder', async () => {
  await initBackend();
  const config = tinyConfig({ net: 'conv', model: 'cvae', labels: ['a', 'b'], inputShape: [28, 28, 1], hidden: [32], latentDim: 2 });
  const shapes = Object.fromEntries(describeModel(config).weights.map((w) => [w.name, w.shape.join('×')]));
  assert.equal(shapes['encoder/dense0/kernel'], `${7 * 7 * 64 + 2}×32`, 'flattened 7×7×64 features and the one-hot label');
  assert.equal(shapes['decoder/dense0/kernel'], `${2 + 2}×32`);
  const model = createModel(config, 1);
  const [a, b] = tf.tidy(() => {
    const out = model.decode(tf.zeros([2, 2]) as tf.Tensor2D, labelTensor(config, [0, 1]));
    return tf.split(out, 2);
  });
  assert.ok(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]) > 1e-4, 'the two labels decode the same z differently');
  tf.dispose([a, b]);
  model.dispose();
});
