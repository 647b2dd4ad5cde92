// Learnable priors and the Monte Carlo KL: the mixture density against a float64 sum, the one-sample MC KL of the
// standard prior against the closed form, MoG's and VampPrior's MC KL against a large-sample estimate, the
// VampPrior's components being the encoder at its pseudo-inputs, and prior samples from the right components.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { imagesToTensor } from '../../../src/engine/batches';
import { monteCarloElboTerms } from '../../../src/engine/mcElbo';
import { tilePosterior, type VaeModel } from '../../../src/engine/models/base';
import type { FlowPriorVae } from '../../../src/engine/models/flowPrior/flowPriorVae';
import { createModel } from '../../../src/engine/models/registry';
import { logMixtureDensity } from '../../../src/engine/priors/mixture';
import { mixtureCodes } from '../../../src/shared/mixtureSample';
import { VAMP_PSEUDO_INPUTS } from '../../../src/shared/priorFlowWeights';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

const IMAGES = [0, 1, 2, 3];

/** Per image: the mean and standard error of the one-sample KL estimate over `n` samples, and Σ_d klPerDim. */
function monteCarloKl(model: VaeModel, n: number, seed: number): { mean: number[]; se: number[]; closed: number[] } {
  const ds = syntheticDataset(8);
  return tf.tidy(() => {
    const x = imagesToTensor(ds, IMAGES);
    const b = IMAGES.length;
    const posterior = model.encode(x);
    const s = model.sampleLatent(tilePosterior(posterior, n), seed);
    const kl = tf.reshape(tf.sub(s.logQ, s.logP), [n, b]);
    const mean = tf.mean(kl, 0);
    const sd = tf.sqrt(tf.mean(tf.square(tf.sub(kl, mean)), 0));
    return {
      mean: Array.from(mean.dataSync()),
      se: Array.from(sd.dataSync(), (v) => v / Math.sqrt(n)),
      closed: Array.from(tf.sum(monteCarloElboTerms(model, x, seed).klPerDim, 1).dataSync()),
    };
  });
}

test('the mixture log-density equals log Σ_k π_k N(z; m_k, σ_k²) summed in float64', async () => {
  await initBackend();
  const [k, d] = [3, 2];
  const means = [0, 0, 2, -1, -3, 1];
  const logvars = [0, 0, -1, 0.5, 0.3, -0.7];
  const w = [0.2, 0.5, 0.3];
  const zs = [[0.1, -0.2], [2.5, -1.1], [-4, 3], [10, 10]];
  const got = tf.tidy(() =>
    logMixtureDensity(tf.tensor2d(zs), { means: tf.tensor2d(means, [k, d]), logvars: tf.tensor2d(logvars, [k, d]), logWeights: tf.tensor1d(w.map(Math.log)) }).dataSync(),
  );
  zs.forEach((z, i) => {
    let p = 0;
    for (let c = 0; c < k; c++) {
      let logN = 0;
      for (let j = 0; j < d; j++) logN += -0.5 * (Math.log(2 * Math.PI) + logvars[c * d + j] + (z[j] - means[c * d + j]) ** 2 / Math.exp(logvars[c * d + j]));
      p += w[c] * Math.exp(logN);
    }
    assert.ok(Math.abs(got[i] - Math.log(p)) < 1e-4 * Math.max(1, Math.abs(Math.log(p))), `z ${z}: ${got[i]} vs ${Math.log(p)}`);
  });
});

test('standard prior: the one-sample Monte Carlo KL averages to the closed form ½(μ² + σ² − 1 − log σ²)', async () => {
  await initBackend();
  const model = createModel(tinyConfig(), 3);
  const { mean, se, closed } = monteCarloKl(model, 20_000, 17);
  for (let i = 0; i < IMAGES.length; i++) assert.ok(Math.abs(mean[i] - closed[i]) < 4 * se[i] + 1e-3, `image ${i}: MC ${mean[i]} ± ${se[i]}, closed form ${closed[i]}`);
  model.dispose();
});

for (const prior of ['mog', 'vamp'] as const) {
  test(`${prior} prior: a few hundred one-sample KL estimates agree with a 40 000-sample estimate, and differ from the N(0, I) closed form`, async () => {
    await initBackend();
    const model = createModel(tinyConfig({ prior, priorComponents: 5 }), 4);
    const big = monteCarloKl(model, 40_000, 1);
    const small = monteCarloKl(model, 400, 2);
    for (let i = 0; i < IMAGES.length; i++) {
      assert.ok(Math.abs(small.mean[i] - big.mean[i]) < 4 * Math.hypot(small.se[i], big.se[i]), `image ${i}: 400 samples ${small.mean[i]} ± ${small.se[i]}, 40 000 samples ${big.mean[i]} ± ${big.se[i]}`);
      // the estimate measures KL to the mixture, not to N(0, I)
      assert.ok(Math.abs(big.mean[i] - big.closed[i]) > 10 * big.se[i], `image ${i}: ${big.mean[i]} vs ${big.closed[i]}`);
    }
    model.dispose();
  });
}

test("the VampPrior's components are q(z|u_k): the encoder at the sigmoid of its pseudo-input logits", async () => {
  await initBackend();
  const model = createModel(tinyConfig({ prior: 'vamp', priorComponents: 6 }), 8) as FlowPriorVae;
  const c = model.priorComponents()!;
  assert.equal(c.k, 6);
  const logits = model.weightValues().get(VAMP_PSEUDO_INPUTS)!;
  const { mu, logvar } = tf.tidy(() => model.encode(tf.sigmoid(tf.tensor2d(logits, [6, 64])) as tf.Tensor2D));
  assert.deepEqual(c.means, mu.dataSync());
  assert.deepEqual(c.logvars, logvar.dataSync());
  for (const lw of c.logWeights) assert.ok(Math.abs(lw + Math.log(6)) < 1e-6);
  tf.dispose([mu, logvar]);
  model.dispose();
});

test('prior samples come from the mixture: per component around its mean, overall around Σ π_k m_k', async () => {
  await initBackend();
  const model = createModel(tinyConfig({ prior: 'mog', priorComponents: 4 }), 12) as FlowPriorVae;
  const c = model.priorComponents()!;
  const n = 20_000;
  for (const k of [0, 3]) {
    const { codes, components } = mixtureCodes(c, n, 1, 5, k);
    assert.ok(components.every((v) => v === k));
    for (let j = 0; j < c.d; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += codes[i * c.d + j];
      const sd = Math.exp(0.5 * c.logvars[k * c.d + j]);
      assert.ok(Math.abs(sum / n - c.means[k * c.d + j]) < 4 * sd / Math.sqrt(n), `component ${k}, dim ${j}`);
    }
  }
  const z = model.samplePriorLatents(n, 9, 1);
  const mean = tf.tidy(() => tf.mean(z, 0).dataSync());
  for (let j = 0; j < c.d; j++) {
    let expected = 0;
    for (let k = 0; k < c.k; k++) expected += Math.exp(c.logWeights[k]) * c.means[k * c.d + j];
    assert.ok(Math.abs(mean[j] - expected) < 0.06, `dim ${j}: ${mean[j]} vs ${expected}`);
  }
  z.dispose();
  model.dispose();
});
