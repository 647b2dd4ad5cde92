// Importing with data measures the model there (src/training/importOnnx.ts): KL per dimension and active units,
// the panel's only view of an imported model's posterior (it has no epochs). Checked against the closed form
// KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − log σ²) averaged over the same spread of images, and the summary the
// panel gets carries it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { imagesToTensor } from '../../../src/engine/batches';
import { loadDataset, subsetDataset } from '../../../src/data';
import { summaryOf } from '../../../src/protocol/summary';
import { spreadIndices } from '../../../src/shared/spread';
import { loadModel, readManifest } from '../../../src/store';
import { importOnnxModel } from '../../../src/training/importOnnx';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import { tempDir } from '../../helpers/tempDir';

const FIX = join(__dirname, '../../fixtures/onnx');
const SAMPLES = join(__dirname, '../../../samples/fashion-mnist');

test('an import with data records KL per dimension and active units on a spread of up to 1 000 images', { timeout: 120_000 }, async () => {
  await initBackend();
  const out = join(tempDir('le-onnx-measure-'), 'model');
  // the fixtures take 8×8 images: the sample's 28×28 ones are area-averaged to that size on loading
  await importOnnxModel({ encoder: join(FIX, 'enc.onnx'), decoder: join(FIX, 'dec.onnx'), out, likelihood: 'bernoulli', layout: 'nchw', decoderOutput: 'logits', scale: 0.1, data: SAMPLES });
  const manifest = await readManifest(out);
  const e = manifest.evaluation;
  assert.ok(e, 'an evaluation is recorded');
  assert.equal(e.nImages, 1000);
  assert.equal(e.iwaeK, null, 'no IWAE at import (Evaluate Model adds it)');
  const ds = await loadDataset(SAMPLES, { size: { height: 8, width: 8 } });
  const spread = subsetDataset(ds, spreadIndices(ds.count, 1000));
  const { model } = await loadModel(out);
  const d = 3;
  const kl = new Float64Array(d);
  const mean = new Float64Array(d);
  const square = new Float64Array(d);
  try {
    const idx = Int32Array.from({ length: spread.count }, (_, i) => i);
    const { mu, logvar } = model.encode(imagesToTensor(spread, idx));
    const [m, lv] = [mu.dataSync(), logvar.dataSync()];
    for (let i = 0; i < spread.count; i++) {
      for (let k = 0; k < d; k++) {
        const [u, v] = [m[i * d + k], lv[i * d + k]];
        kl[k] += (0.5 * (u * u + Math.exp(v) - 1 - v)) / spread.count;
        mean[k] += u / spread.count;
        square[k] += (u * u) / spread.count;
      }
    }
    tf.dispose([mu, logvar]);
  } finally {
    model.dispose();
  }
  for (let k = 0; k < d; k++) assert.ok(Math.abs(e.klPerDim[k] - kl[k]) <= 1e-4 * Math.max(1, kl[k]), `KL of z${k}: ${e.klPerDim[k]} recorded, ${kl[k]} by the closed form`);
  const active = Array.from(mean, (u, k) => square[k] - u * u).filter((v) => v > 0.01).length;
  assert.equal(e.activeUnits, active, 'active units: Var_x μ_d > 0.01');
  assert.deepEqual(summaryOf(out, manifest).evaluation?.klPerDim, e.klPerDim, 'the panel is told');
});

test('an import without data records no evaluation, and the summary has none', async () => {
  await initBackend();
  const out = join(tempDir('le-onnx-measure-'), 'model');
  await importOnnxModel({ encoder: join(FIX, 'enc.onnx'), decoder: join(FIX, 'dec.onnx'), out, likelihood: 'bernoulli', layout: 'nchw', decoderOutput: 'logits', scale: 0.1 });
  const manifest = await readManifest(out);
  assert.equal(manifest.evaluation, null);
  assert.equal(summaryOf(out, manifest).evaluation, undefined);
});

test('an evaluation the page would refuse (a NaN, a missing field of an older manifest) is left out of the summary, not the summary lost', () => {
  const base = { status: 'completed' as const, model: { kind: 'mlp-vae' as const, inputShape: [8, 8, 1] as [number, number, number], hidden: [], latentDim: 2, likelihood: 'bernoulli' as const, decoderScale: 0.1 }, training: DEFAULT_TRAIN, dataset: { root: '', count: 0, trainCount: 0, validationCount: 0, labelNames: [] } };
  const good = { negElbo: 10, recon: 9, kl: 1, klPerDim: [0.5, 0.5], activeUnits: 2, nImages: 4, iwaeNll: null, iwaeK: null };
  assert.deepEqual(summaryOf('/m', { ...base, evaluation: good }).evaluation, { negElbo: 10, recon: 9, kl: 1, klPerDim: [0.5, 0.5], activeUnits: 2, nImages: 4, iwaeK: null });
  assert.equal(summaryOf('/m', { ...base, evaluation: { ...good, klPerDim: [NaN, 0.5] } }).evaluation, undefined);
  assert.equal(summaryOf('/m', { ...base, evaluation: { ...good, klPerDim: undefined } as never }).evaluation, undefined);
});
