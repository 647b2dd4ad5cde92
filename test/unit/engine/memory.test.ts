import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

test('tensor count and bytes stay constant and RSS stays flat over 20 epochs', async () => {
  await initBackend();
  const train = syntheticDataset(512, 16, 16);
  const validation = syntheticDataset(128, 16, 16, 4, 8);
  const model = createModel(tinyConfig({ inputShape: [16, 16, 1], hidden: [64], latentDim: 8 }), 1);
  const tensors: number[] = [];
  const bytes: number[] = [];
  const rss: number[] = [];
  await trainVae(model, { train, validation }, { epochs: 20, batchSize: 32, learningRate: 1e-3, beta: 1, warmupEpochs: 2, freeBits: 0, seed: 1 }, {
    onEpochEnd: () => {
      tensors.push(tf.memory().numTensors);
      bytes.push(tf.memory().numBytes);
      rss.push(process.memoryUsage().rss);
    },
  });
  model.dispose();
  // epoch 3 onwards: the optimizer's slots, wasm heap and JIT have settled by then
  assert.equal(tensors[19], tensors[2], `tensors per epoch: ${tensors.join(', ')}`);
  assert.equal(bytes[19], bytes[2], `tensor bytes per epoch: ${bytes.join(', ')}`);
  // Leaked tensors show in the exact checks above. RSS also holds V8's uncollected garbage (≈ 4% drift here
  // with no leak), so its bound is looser: it catches growth outside tfjs's accounting, such as the wasm heap.
  const growth = (rss[19] - rss[2]) / rss[2];
  assert.ok(growth < 0.1, `RSS grew ${(growth * 100).toFixed(1)}% from epoch 3 to 20: ${rss.map((r) => (r / 2 ** 20).toFixed(0)).join(', ')} MiB`);
});

test('creating, loading and disposing a model leaves no tensor behind', async () => {
  await initBackend();
  for (const config of [tinyConfig(), tinyConfig({ likelihood: 'gaussian', decoderScale: 'learned' }), tinyConfig({ likelihood: 'laplace', decoderScale: 0.2 })]) {
    const before = tf.memory().numTensors;
    const model = createModel(config, 1);
    const again = modelFromWeights(config, model.weightValues());
    model.dispose();
    again.dispose();
    assert.equal(tf.memory().numTensors, before, `${config.likelihood}/${String(config.decoderScale)}`);
  }
});
