// The conv VAE (net 'conv'): its layout is the reference architecture the benchmark's PyTorch peer copies, its
// loss gradients w.r.t. every kind of weight agree with finite differences, it initialises like PyTorch, and a
// manifest without `net` still means an MLP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { betaLoss } from '../../../src/engine/elbo';
import { imagesToTensor } from '../../../src/engine/batches';
import { createModel } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { describeModel, validateConfig, weightSpecsFor } from '../../../src/shared/architecture';
import { convStages } from '../../../src/shared/networks/conv';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import { isUserError } from '../../../src/shared/userError';
import type { ModelConfig } from '../../../src/shared/types';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

const conv = (over: Partial<ModelConfig> = {}) => tinyConfig({ net: 'conv', hidden: [256], latentDim: 20, ...over });

test('28×28: the reference conv VAE (conv 32, 64 k4 s2 p1 → Dense 256 → μ, logvar; the mirror image back)', () => {
  const specs = weightSpecsFor(conv({ inputShape: [28, 28, 1] })).map((s) => `${s.name} ${s.shape.join('×')}`);
  assert.deepEqual(specs, [
    'encoder/conv0/kernel 4×4×1×32', 'encoder/conv0/bias 32', 'encoder/conv1/kernel 4×4×32×64', 'encoder/conv1/bias 64',
    'encoder/dense0/kernel 3136×256', 'encoder/dense0/bias 256',
    'encoder/mu/kernel 256×20', 'encoder/mu/bias 20', 'encoder/logvar/kernel 256×20', 'encoder/logvar/bias 20',
    'decoder/dense0/kernel 20×256', 'decoder/dense0/bias 256', 'decoder/dense1/kernel 256×3136', 'decoder/dense1/bias 3136',
    // conv2dTranspose kernels are [kh, kw, out, in]: ConvTranspose(64→32), then (32→1)
    'decoder/deconv0/kernel 4×4×32×64', 'decoder/deconv0/bias 32', 'decoder/out/kernel 4×4×1×32', 'decoder/out/bias 1',
  ]);
  const a = describeModel(conv({ inputShape: [28, 28, 1] }));
  assert.deepEqual(a.decoder.layers.map((l) => l.activation), ['relu', 'relu', 'relu', 'linear']);
  assert.equal(a.decoder.outSize, 784);
});

test('other sizes: stride-2 stages while the larger side is ≥ 8; 64×64 is disentanglement_lib’s 32, 32, 64, 64', () => {
  const shapes = (h: number, w: number, c = 1) => convStages([h, w, c]).map((s) => s.outShape.join('×'));
  assert.deepEqual(shapes(64, 64, 3), ['32×32×32', '16×16×32', '8×8×64', '4×4×64']);
  assert.deepEqual(shapes(28, 28), ['14×14×32', '7×7×64']);
  // odd sides floor; a short axis stops halving (3-wide, stride 1) while the long one goes on
  assert.deepEqual(shapes(27, 9), ['13×4×32', '6×4×64']);
  assert.deepEqual(shapes(5, 7), []);
  // the decoder gives back exactly the shapes the encoder read, odd ones included
  for (const shape of [[27, 9, 3], [64, 64, 3], [9, 10, 1], [5, 7, 1]] as [number, number, number][]) {
    const a = describeModel(conv({ inputShape: shape, hidden: [16], latentDim: 3 }));
    assert.equal(a.decoder.outSize, shape[0] * shape[1] * shape[2], shape.join('×'));
    assert.equal(a.encoder.inSize, a.decoder.outSize);
  }
});

test('a manifest without net is an MLP; an unknown net is refused by name', () => {
  const { net: _, ...old } = tinyConfig({ net: 'mlp' });
  assert.deepEqual(weightSpecsFor(old as ModelConfig), weightSpecsFor(tinyConfig({ net: 'mlp' })));
  assert.equal(describeModel(old as ModelConfig).encoder.layers[0].op, 'dense');
  assert.throws(() => validateConfig({ ...tinyConfig(), net: 'resnet' } as unknown as ModelConfig), (e: unknown) => isUserError(e) && /unknown network "resnet"/.test(e.message));
});

test('conv weights start like PyTorch: U(±1/√fan_in), fan_in = in·kh·kw for Conv2d and out·kh·kw for ConvTranspose2d', async () => {
  await initBackend();
  const model = createModel(conv({ inputShape: [28, 28, 1] }), 3);
  const values = model.weightValues();
  const bounds: Record<string, number> = { 'encoder/conv0': 1 / 4, 'encoder/conv1': 1 / Math.sqrt(512), 'decoder/deconv0': 1 / Math.sqrt(512), 'decoder/out': 1 / 4 };
  for (const [layer, bound] of Object.entries(bounds)) {
    for (const part of ['kernel', 'bias']) {
      const v = values.get(`${layer}/${part}`)!;
      const max = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      // the largest of many uniform draws is close to the bound and never above it (one draw can be anything below)
      const near = v.length < 8 ? 0 : v.length < 40 ? 0.5 : 0.9;
      assert.ok(max <= bound && max > near * bound, `${layer}/${part}: max |w| ${max}, bound ${bound}`);
    }
  }
  model.dispose();
});

test('the conv VAE loss gradient w.r.t. conv, dense and transposed-conv weights matches finite differences', async () => {
  await initBackend();
  // 9×10: one stage with an odd side (9 → 4 → 9 back) and stride 2 on both axes
  const model = createModel(conv({ inputShape: [9, 10, 1], hidden: [8], latentDim: 2 }), 5);
  const x = imagesToTensor(syntheticDataset(3, 9, 10), [0, 1, 2]);
  const loss = () => betaLoss(model.lossTerms(x, 11), 1);
  const vars = model.trainableVariables();
  const { grads } = tf.variableGrads(loss, vars);
  const names = model.weightSpecs().map((s) => s.name);
  const checkedLayers = ['encoder/conv0/kernel', 'encoder/conv0/bias', 'encoder/dense0/kernel', 'decoder/dense1/kernel', 'decoder/out/kernel', 'decoder/out/bias'];
  for (const name of checkedLayers) {
    const v = vars[names.indexOf(name)];
    const g = grads[v.name].dataSync();
    const values = v.dataSync().slice();
    // the entries with the largest gradients: a float32 finite difference of a small one is mostly rounding
    const order = Array.from(g.keys()).sort((a, b) => Math.abs(g[b]) - Math.abs(g[a]));
    for (const i of order.slice(0, 3)) {
      const h = 1e-2;
      const at = (delta: number) => {
        const copy = values.slice();
        copy[i] += delta;
        v.assign(tf.tensor(copy, v.shape));
        return loss().dataSync()[0];
      };
      const fd = (at(h) - at(-h)) / (2 * h);
      v.assign(tf.tensor(values, v.shape));
      assert.ok(Math.abs(g[i] - fd) < 0.03 * Math.max(1, Math.abs(fd)), `${name}[${i}]: ${g[i]} vs ${fd}`);
    }
  }
  tf.dispose([x, ...Object.values(grads)]);
  model.dispose();
});

test('conv training keeps the tensor count flat over epochs and dispose frees every weight', async () => {
  await initBackend();
  const before = tf.memory().numTensors;
  const model = createModel(conv({ inputShape: [8, 8, 1], hidden: [8], latentDim: 2 }), 1);
  const data = syntheticDataset(48);
  const counts: number[] = [];
  const cfg = { ...DEFAULT_TRAIN, epochs: 4, batchSize: 16 };
  await trainVae(model, { train: data, validation: data }, cfg, { onEpochEnd: () => void counts.push(tf.memory().numTensors) });
  assert.equal(counts[3], counts[1], `tensors per epoch: ${counts.join(', ')}`);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('a short axis next to a long one runs: 16×6 and 27×9×3 encode and decode to the image shape (tfjs sizes a bare-number padding by the kernel height)', async () => {
  await initBackend();
  for (const shape of [[16, 6, 1], [27, 9, 3]] as [number, number, number][]) {
    const model = createModel(conv({ inputShape: shape, hidden: [8], latentDim: 2 }), 2);
    const size = shape[0] * shape[1] * shape[2];
    const [mu, out] = tf.tidy(() => {
      const { mu } = model.encode(tf.fill([2, size], 0.5) as tf.Tensor2D);
      return [mu, model.decode(mu)];
    });
    assert.deepEqual(mu.shape, [2, 2], shape.join('×'));
    assert.deepEqual(out.shape, [2, size], shape.join('×'));
    tf.dispose([mu, out]);
    model.dispose();
  }
});
