// The sample metrics (`metrics`, Compute Metrics) draw from the model's OWN prior: a mixture prior or a VQ-VAE's
// fitted code prior is planted to put all its mass on one point (one MoG component of variance e^−20; an AR prior
// whose logits pick one code in every cell), so every sample decodes to the same image and the reported sharpness
// must be that image's variance of the Laplacian. Samples from N(0, I) or the uniform prior over codes would differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import type { VaeModel } from '../../../src/engine/models/base';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import { sharpness } from '../../../src/engine/metrics/sharpness';
import { CODE_PRIOR_WEIGHTS } from '../../../src/shared/codePrior';
import { CODEBOOK_WEIGHT, codeGridOf } from '../../../src/shared/networks/vq';
import { vqLatentDim } from '../../../src/shared/architecture';
import { MOG_LOGITS, MOG_LOGVARS, MOG_MEANS } from '../../../src/shared/priorFlowWeights';
import type { ModelConfig } from '../../../src/shared/types';
import { computeMetrics } from '../../../src/training/metrics';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

const N = 40;
// no labels: the Fréchet distance's classifier is not trained (not what this test is about)
const ds = { ...syntheticDataset(N), labels: null };

/** Sharpness of n decodes of the codes `z` (rows of the model's latent). */
function sharpnessOfCodes(model: VaeModel, z: tf.Tensor2D): number {
  const y = tf.tidy(() => model.decode(z));
  const v = sharpness(y.dataSync() as Float32Array, z.shape[0], 8, 8, 1);
  tf.dispose([y, z]);
  return v;
}

async function reportedSharpness(model: VaeModel): Promise<number> {
  const r = await computeMetrics(model, ds, { maxImages: N, compareImages: N, seed: 1 });
  assert.ok(r);
  return r.sharpness.samples;
}

test('metrics: a MoG model\'s samples come from its mixture, not from N(0, I)', async () => {
  await initBackend();
  const config = tinyConfig({ prior: 'mog', priorComponents: 3 });
  const w = createModel(config, 4).weightValues();
  const point = [2.5, -2.5, 2.5];
  // component 0 holds all the weight, at `point` with variance e^−20: every prior sample is `point`
  w.set(MOG_LOGITS, Float32Array.from([60, 0, 0]));
  w.set(MOG_MEANS, Float32Array.from([...point, 0, 0, 0, 0, 0, 0]));
  w.set(MOG_LOGVARS, new Float32Array(9).fill(-20));
  const model = modelFromWeights(config, w);
  try {
    const own = sharpnessOfCodes(model, tf.tensor2d(point, [1, 3]));
    const standard = sharpnessOfCodes(model, tf.randomNormal([N, 3], 0, 1, 'float32', 1) as tf.Tensor2D);
    assert.ok(Math.abs(own - standard) > 0.05 * own, `the planted point must be told apart: ${own} vs N(0, I) ${standard}`);
    const got = await reportedSharpness(model);
    assert.ok(Math.abs(got - own) < 1e-6 * Math.max(1, own), `reported ${got}, the mixture's point ${own}, N(0, I) ${standard}`);
  } finally {
    model.dispose();
  }
});

test('metrics: a VQ-VAE\'s samples come from its fitted code prior, not from the uniform prior over codes', async () => {
  await initBackend();
  const [k, d, hidden] = [8, 4, 6];
  const [gh, gw] = codeGridOf([8, 8, 1]);
  const cells = gh * gw;
  const config: ModelConfig = {
    kind: 'mlp-vae', net: 'conv', model: 'vqvae', inputShape: [8, 8, 1], hidden: [], likelihood: 'bernoulli', decoderScale: 0.1,
    codebookSize: k, codeDim: d, commitment: 0.25, ema: false, latentDim: vqLatentDim([8, 8, 1], d), codePrior: 'ar', codePriorHidden: hidden,
  };
  const w = createModel(config, 4).weightValues();
  // the prior's logits ignore the earlier cells and pick code 5 in every cell by 60 nats
  const chosen = 5;
  w.set(CODE_PRIOR_WEIGHTS.outKernel, new Float32Array(hidden * cells * k));
  w.set(CODE_PRIOR_WEIGHTS.outBias, Float32Array.from({ length: cells * k }, (_, i) => (i % k === chosen ? 60 : 0)));
  // distinct codes: a fresh codebook is all alike until training seeds it (k-means++ on the data)
  const codebook = Float32Array.from({ length: k * d }, (_, i) => (((i * 7919) >> 2) % 3) - 1 + (i % d) * 0.3);
  w.set(CODEBOOK_WEIGHT, codebook);
  const model = modelFromWeights(config, w);
  try {
    const grid = Array.from({ length: cells }, () => Array.from(codebook.subarray(chosen * d, (chosen + 1) * d))).flat();
    const own = sharpnessOfCodes(model, tf.tensor2d(grid, [1, cells * d]));
    const uniform = tf.tidy(() => tf.reshape(tf.gather(tf.tensor2d(codebook, [k, d]), tf.randomUniform([N * cells], 0, k, 'int32', 1)), [N, cells * d]) as tf.Tensor2D);
    const spread = sharpnessOfCodes(model, uniform);
    assert.ok(Math.abs(own - spread) > 0.05 * own, `the planted grid must be told apart: ${own} vs uniform ${spread}`);
    const got = await reportedSharpness(model);
    assert.ok(Math.abs(got - own) < 1e-6 * Math.max(1, own), `reported ${got}, the prior's grid ${own}, uniform ${spread}`);
  } finally {
    model.dispose();
  }
});
