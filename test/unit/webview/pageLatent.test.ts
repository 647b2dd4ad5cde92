// The page's posterior, flow and prior (webview/pageLatent.ts, shared/flowApply.ts, shared/latentDensity.ts) in
// plain JS must give what the engine's FlowPriorVae gives with tfjs from the same weights: f(μ), z_K and the
// log-det of a sample, log p(z_K), and the prior's mixture; and the flow view's Monte Carlo KL must agree with the
// closed form where there is one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { imagesToTensor } from '../../../src/engine/batches';
import type { FlowPriorVae } from '../../../src/engine/models/flowPrior/flowPriorVae';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import { massInsideEllipse } from '../../../src/shared/ellipse';
import { logMixtureRow, logNormalDiag, logStandardNormal } from '../../../src/shared/latentDensity';
import { Rng } from '../../../src/shared/rng';
import type { ModelConfig } from '../../../src/shared/types';
import { flowSamples } from '../../../src/webview/flowSamples';
import { PageVae } from '../../../src/webview/pageVae';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

const VARIANTS: Partial<ModelConfig>[] = [
  { prior: 'mog', priorComponents: 3, flow: 'planar', flowSteps: 3 },
  { prior: 'vamp', priorComponents: 4, flow: 'iaf', flowSteps: 3 },
  { flow: 'iaf', flowSteps: 2 },
  { prior: 'vamp', priorComponents: 2, flow: 'planar', flowSteps: 2, net: 'conv', hidden: [8] },
];

/** A model whose prior and flow weights are moved off their (near-identity) start, and its page twin. */
function pair(v: Partial<ModelConfig>): { model: FlowPriorVae; page: PageVae; config: ModelConfig } {
  const config = tinyConfig(v);
  const start = createModel(config, 4);
  const values = start.weightValues();
  const specs = start.weightSpecs();
  start.dispose();
  const rng = new Rng(8);
  for (const [name, w] of values) if (name.startsWith('flow/') || name.startsWith('prior/')) for (let i = 0; i < w.length; i++) w[i] += 0.4 * (rng.next() - 0.5);
  const model = modelFromWeights(config, values) as FlowPriorVae;
  const all = new Float32Array(specs.reduce((n, s) => n + values.get(s.name)!.length, 0));
  let o = 0;
  for (const s of specs) {
    all.set(values.get(s.name)!, o);
    o += values.get(s.name)!.length;
  }
  return { model, page: PageVae.fromWeights(all, specs, config), config };
}

function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]));
  return w;
}

test('page and engine agree: f(μ), the prior mixture, and per sample z_K, log q(z_K|x) and log p(z_K)', async () => {
  await initBackend();
  const ds = syntheticDataset(4);
  for (const v of VARIANTS) {
    const what = JSON.stringify(v);
    const { model, page, config } = pair(v);
    const d = config.latentDim;
    const per = ds.height * ds.width;
    const ref = tf.tidy(() => {
      const q = model.encode(imagesToTensor(ds, [0, 1, 2, 3]));
      const s = model.sampleLatent(q, 5);
      return { meanCode: model.meanCode(q).dataSync(), z0: s.z0.dataSync(), z: s.z.dataSync(), logQ: s.logQ.dataSync(), logP: s.logP.dataSync() };
    });
    assert.ok(worst(page.encodeMean(ds.images, 4), ref.meanCode) < 1e-4, `${what}: f(μ)`);
    const mixture = page.latent!.priorMixture();
    const c = model.priorComponents();
    assert.equal(mixture === null, c === null, `${what}: a mixture on both sides or neither`);
    if (mixture && c) assert.ok(worst(mixture.means, c.means) < 1e-4 && worst(mixture.logvars, c.logvars) < 1e-4 && worst(mixture.logWeights, c.logWeights) < 1e-5, `${what}: mixture`);
    for (let i = 0; i < 4; i++) {
      const x = Float32Array.from(ds.images.subarray(i * per, (i + 1) * per), (p) => p / 255);
      const q = page.latent!.posterior(x);
      const z0 = Float32Array.from(ref.z0.subarray(i * d, (i + 1) * d));
      const { z, logDet } = page.latent!.applyFlow(z0, q);
      assert.ok(worst(z, ref.z.subarray(i * d, (i + 1) * d)) < 1e-4, `${what}: z_K of image ${i}`);
      const logQ = logNormalDiag(z0, q.mu, q.logvar) - logDet;
      assert.ok(Math.abs(logQ - ref.logQ[i]) < 1e-3, `${what}: log q of image ${i}: ${logQ} vs ${ref.logQ[i]}`);
      const logP = mixture ? logMixtureRow(z, mixture) : logStandardNormal(z);
      assert.ok(Math.abs(logP - ref.logP[i]) < 1e-3, `${what}: log p of image ${i}`);
    }
    model.dispose();
    page.dispose();
  }
});

test('the flow view without a flow: samples fill q_0’s ellipses as a Gaussian does, the Monte Carlo KL meets the closed form', async () => {
  await initBackend();
  const { model, page } = pair({});
  const ds = syntheticDataset(2);
  const x = Float32Array.from(ds.images.subarray(0, 64), (p) => p / 255);
  const n = 4000;
  const s = flowSamples(page.latent!, x, 0, 2, n, 3);
  for (const [share, k] of [[s.before.inside1, 1], [s.before.inside2, 2]] as const) {
    const p = massInsideEllipse(k);
    assert.ok(Math.abs(share - p) < 4 * Math.sqrt((p * (1 - p)) / n), `${k}σ: ${share} vs ${p}`);
  }
  assert.deepEqual(Array.from(s.after.xs), Array.from(s.before.xs), 'no flow: z_K = z_0');
  // KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ (μ² + σ² − 1 − log σ²)
  const q = page.latent!.posterior(x);
  let closed = 0;
  for (let i = 0; i < q.mu.length; i++) closed += 0.5 * (q.mu[i] ** 2 + Math.exp(q.logvar[i]) - 1 - q.logvar[i]);
  assert.ok(Math.abs(s.kl.mean - closed) < 4 * s.kl.se + 1e-6, `MC ${s.kl.mean} ± ${s.kl.se} vs closed ${closed}`);
  assert.ok(Math.abs(logStandardNormal([0, 0]) + Math.log(2 * Math.PI)) < 1e-12);
  model.dispose();
  page.dispose();
});
