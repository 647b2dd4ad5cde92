// The fused native MLP VAE step (engine/fusedVaeStep.ts, native/vae_step.cc) against the plain path: tfjs ops,
// tfjs autodiff and tf.train.adam, from the same weights with the same ε (same seed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { imagesToTensor } from '../../../src/engine/batches';
import { betaLoss } from '../../../src/engine/elbo';
import { FusedVaeStep, fusedStepRefusal } from '../../../src/engine/fusedVaeStep';
import { createModel } from '../../../src/engine/models/registry';
import { nativeKernels } from '../../../src/engine/nativeKernels';
import { createAdam } from '../../../src/engine/optimizer';
import { trainVae } from '../../../src/engine/train';
import type { ModelConfig, TrainConfig } from '../../../src/shared/types';
import { nativeOrSkip } from '../../helpers/native';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

const LR = 1e-3;
const ds = syntheticDataset(96, 16, 16);
const rows = Int32Array.from({ length: 48 }, (_, i) => (i * 7) % 96);

/** The plain path's step: gradient by tfjs autodiff, then tf.train.adam; returns loss, stats and the gradients. */
function plainStep(model: ReturnType<typeof createModel>, x: tf.Tensor2D, seed: number, beta: number, freeBits: number, adam: ReturnType<typeof createAdam>) {
  const vars = model.trainableVariables();
  const { value, grads } = tf.variableGrads(() => betaLoss(model.lossTerms(x, seed), beta, freeBits), vars);
  const gradients = vars.map((v) => grads[v.name].dataSync().slice() as Float32Array);
  const stats = tf.tidy(() => {
    const t = model.lossTerms(x, seed);
    return [tf.sum(t.recon).dataSync()[0], tf.sum(t.klPerDim).dataSync()[0], ...tf.sum(t.klPerDim, 0).dataSync()];
  });
  tf.dispose([value, ...Object.values(grads)]);
  const loss = adam.minimize(() => betaLoss(model.lossTerms(x, seed), beta, freeBits), vars);
  const lossValue = loss.dataSync()[0];
  loss.dispose();
  return { loss: lossValue, stats, gradients };
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** max |a − b| relative to max |b| (1e-30 floor: an all-zero reference compares absolutely). */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d / Math.max(maxAbs(b), 1e-30);
}

/** Same weights in two models; `steps` steps of each path; every figure compared after each step. */
function compare(config: ModelConfig, steps: number, beta: (s: number) => number, freeBits: number) {
  const plain = createModel(config, 5);
  const fusedModel = createModel(config, 5);
  const fused = FusedVaeStep.for(fusedModel, LR);
  assert.ok(fused, `the fused step covers ${JSON.stringify(config)}: ${fusedStepRefusal(fusedModel)}`);
  const adam = createAdam(LR, 0.9, 0.999, 1e-8, false);
  const x = imagesToTensor(ds, rows);
  const names = plain.architecture.weights.map((w) => w.name);
  let prevM = new Float32Array(fused.moments().m.length);
  const klMeans: number[][] = [];
  for (let s = 0; s < steps; s++) {
    const seed = 1000 + s;
    const p = plainStep(plain, x, seed, beta(s), freeBits, adam);
    const f = fused.step(ds, rows, beta(s), freeBits, seed);
    const at = `step ${s + 1}, ${config.likelihood}, hidden [${config.hidden}]`;
    assert.ok(Math.abs(f.loss - p.loss) <= 1e-5 * Math.abs(p.loss), `${at}: loss ${f.loss} fused vs ${p.loss} plain`);
    assert.ok(relDiff(f.stats, p.stats) < 1e-5, `${at}: stats [${[...f.stats]}] vs [${p.stats}]`);
    // Adam's m_t = β1·m_{t−1} + (1 − β1)·g_t: the fused path's gradient of this step, weight by weight
    const { m, offsets } = fused.moments();
    names.forEach((name, i) => {
      const g = p.gradients[i];
      const at0 = offsets.get(name)!;
      const mine = Array.from(m.subarray(at0, at0 + g.length), (v, j) => (v - Math.fround(0.9) * prevM[at0 + j]) / Math.fround(1 - 0.9));
      assert.ok(maxAbs(g) > 0, `${name}: the plain gradient is not all zero`);
      assert.ok(relDiff(mine, g) < 1e-4 * (s + 1), `${at}: gradient of ${name} differs by ${relDiff(mine, g)} of its largest entry`);
    });
    prevM = m.slice();
    klMeans.push(Array.from(f.stats.subarray(2), (v) => v / rows.length));
    fused.writeBack();
    const wp = plain.trainableVariables();
    fusedModel.trainableVariables().forEach((v, i) => {
      const d = relDiff(v.dataSync(), wp[i].dataSync());
      assert.ok(d < 1e-4, `${at}: updated ${names[i]} differs by ${d} of its largest entry`);
    });
  }
  adam.dispose();
  tf.dispose([x]);
  plain.dispose();
  fusedModel.dispose();
  return klMeans;
}

test('one fused step equals the plain tfjs step: loss, KL per dimension, every gradient and updated weight (Bernoulli)', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  compare(tinyConfig({ inputShape: [16, 16, 1], hidden: [64], latentDim: 4 }), 1, () => 1, 0);
});

const FREE_BITS = 0.05;

test('fused and plain steps stay together over 12 steps with a β warm-up and free bits', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  const klMeans = compare(tinyConfig({ inputShape: [16, 16, 1], hidden: [48], latentDim: 5 }), 12, (s) => 0.1 * s, FREE_BITS);
  // both sides of free bits were exercised: dimensions whose batch-mean KL was below λ (no KL gradient) and above
  const all = klMeans.flat();
  assert.ok(all.some((k) => k < FREE_BITS) && all.some((k) => k > FREE_BITS), `batch-mean KL per dimension: ${klMeans.map((r) => r.map((k) => k.toFixed(3)).join(' ')).join(' | ')}`);
});

test('the fused step covers fixed-scale Gaussian and Laplace decoders, two hidden layers and none', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  compare(tinyConfig({ inputShape: [16, 16, 1], hidden: [40, 24], latentDim: 3, likelihood: 'gaussian', decoderScale: 0.2 }), 3, () => 1, 0);
  compare(tinyConfig({ inputShape: [16, 16, 1], hidden: [32], latentDim: 3, likelihood: 'laplace', decoderScale: 0.3 }), 3, () => 2, 0);
  compare(tinyConfig({ inputShape: [16, 16, 1], hidden: [], latentDim: 3 }), 3, () => 1, 0);
  // IWAE with k = 1 is the VAE's objective
  compare(tinyConfig({ inputShape: [16, 16, 1], hidden: [32], latentDim: 3, model: 'iwae', iwaeK: 1 }), 2, () => 1, 0);
});

const trainCfg: TrainConfig = { epochs: 3, batchSize: 32, learningRate: 3e-3, beta: 1, warmupEpochs: 1, freeBits: 0, seed: 2 };

test('the fast path is not taken for a model it does not cover, and is for the plain MLP VAE', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  const small = { inputShape: [16, 16, 1] as [number, number, number], hidden: [16], latentDim: 2 };
  const refused: [Partial<ModelConfig>, RegExp][] = [
    [{ model: 'iwae', iwaeK: 3 }, /objective iwae k = 3/],
    [{ model: 'cvae', labels: ['c0', 'c1', 'c2', 'c3'] }, /plain VAE class|objective cvae/],
    [{ net: 'conv', hidden: [16] }, /network conv/],
    [{ likelihood: 'gaussian', decoderScale: 'learned' }, /learned decoder scale/],
    [{ prior: 'mog', priorComponents: 3 }, /prior mog|plain VAE class/],
    [{ flow: 'planar', flowSteps: 2 }, /flow planar|plain VAE class/],
    [{ decoder: 'pixelcnn' }, /plain VAE class/],
  ];
  const train = syntheticDataset(64, 16, 16);
  for (const [over, why] of refused) {
    const model = createModel(tinyConfig({ ...small, ...over }), 1);
    assert.match(fusedStepRefusal(model) ?? 'covered', why, JSON.stringify(over));
    assert.equal(FusedVaeStep.for(model, LR), null);
    if (over.flow === undefined) {
      const r = await trainVae(model, { train, validation: null }, { ...trainCfg, epochs: 1 });
      assert.equal(r.step, 'plain', JSON.stringify(over));
    }
    model.dispose();
  }
  const vae = createModel(tinyConfig(small), 1);
  assert.equal(fusedStepRefusal(vae), null);
  assert.equal((await trainVae(vae, { train, validation: null }, { ...trainCfg, epochs: 1 })).step, 'fused');
  process.env.LATENT_EXPLORER_FUSED = '0';
  try {
    assert.match(fusedStepRefusal(vae) ?? '', /LATENT_EXPLORER_FUSED=0/);
    assert.equal((await trainVae(vae, { train, validation: null }, { ...trainCfg, epochs: 1 })).step, 'plain');
  } finally {
    delete process.env.LATENT_EXPLORER_FUSED;
  }
  vae.dispose();
});

test('training through the fused step gives the plain path’s epochs, and leaves no tensor behind', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  const train = syntheticDataset(96, 16, 16);
  const validation = syntheticDataset(32, 16, 16, 4, 9);
  const config = tinyConfig({ inputShape: [16, 16, 1], hidden: [32], latentDim: 3 });
  const run = async (fusedOn: boolean) => {
    if (!fusedOn) process.env.LATENT_EXPLORER_FUSED = '0';
    const model = createModel(config, 3);
    const counts: number[] = [];
    try {
      const r = await trainVae(model, { train, validation }, trainCfg, { onEpochEnd: () => void counts.push(tf.memory().numTensors) });
      return { r, counts };
    } finally {
      delete process.env.LATENT_EXPLORER_FUSED;
      model.dispose();
    }
  };
  const before = tf.memory().numTensors;
  const fused = await run(true);
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
  const plain = await run(false);
  assert.equal(fused.r.step, 'fused');
  assert.equal(plain.r.step, 'plain');
  assert.deepEqual(fused.counts, [fused.counts[0], fused.counts[0], fused.counts[0]], `tensors after each epoch: ${fused.counts}`);
  fused.r.epochs.forEach((e, i) => {
    const p = plain.r.epochs[i];
    for (const [name, a, b] of [['train −ELBO', e.train.negElbo, p.train.negElbo], ['validation −ELBO', e.validation!.negElbo, p.validation!.negElbo], ['train KL', e.train.kl, p.train.kl]] as const) {
      assert.ok(Math.abs(a - b) <= 1e-3 * Math.abs(b), `epoch ${i + 1} ${name}: ${a} fused vs ${b} plain`);
    }
    assert.equal(e.beta, p.beta);
  });
});

test('the native step refuses a layout that does not tile its parameters or does not chain', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  const step = nativeKernels()!.mlpVaeStep!;
  // input 4, latent 1, no trunk: μ 4→1 (kernel 0, bias 4), log σ² 4→1 (5, 9), decoder 1→4 (10, 14): 18 parameters
  const layout = [2, 4, 1, 0, 1, 0, 4, 1, 0, 4, 4, 1, 5, 9, 1, 4, 10, 14];
  const call = (lay: number[], n = 18, x = 8) =>
    step(new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(x), new Float32Array(2), new Float64Array(4), Int32Array.from(lay), new Float64Array([1, 0, 0, 1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001]));
  call(layout);
  assert.throws(() => call(layout, 19), /cover the parameter buffer/);
  assert.throws(() => call(layout.map((v, i) => (i === 16 ? 13 : v))), /tile/);
  assert.throws(() => call(layout.map((v, i) => (i === 14 ? 2 : v)), 21), /chain|tile|cover/);
  assert.throws(() => call(layout, 18, 7), /batch × size/);
  assert.throws(() => call(layout.slice(0, 10)), /layout length/);
});
