// Export proof (issue 13, item 3): our MLP and conv models written as encoder.onnx + decoder.onnx run in
// onnxruntime-web and give the engine's own encode/decode on real images within 1e-5; what the export refuses
// leaves nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../../../src/store';
import { oneHot } from '../../../src/shared/condition';
import type { ModelConfig } from '../../../src/shared/types';
import { isUserError } from '../../../src/shared/userError';
import { exportModelDir } from '../../../src/onnx/export/exportModelDir';
import { exportVae } from '../../../src/onnx/export/vaeGraphs';
import { tempDir } from '../../helpers/tempDir';
import { config, maxAbsDiff, realImages, runOnnx, savedModel, toNchw, toNhwc } from './exportFixtures';

const CASES: [string, ModelConfig][] = [
  ['MLP 28×28 Bernoulli', config({ hidden: [64, 16] })],
  ['conv 28×28 Bernoulli', config({ net: 'conv', hidden: [32] })],
  ['conv 15×9 RGB Gaussian, learned scale (odd sides: output_padding)', config({ net: 'conv', inputShape: [15, 9, 3], hidden: [16], likelihood: 'gaussian', decoderScale: 'learned' })],
  ['MLP 8×8 RGB Laplace, no hidden layer', config({ inputShape: [8, 8, 3], hidden: [], likelihood: 'laplace', decoderScale: 0.2 })],
  ['conditional conv 28×28 (label input y)', config({ net: 'conv', model: 'cvae', labels: ['a', 'b', 'c'], hidden: [16] })],
  ['VAE-GAN conv 28×28 (its encoder and decoder; the discriminator stays behind)', config({ net: 'conv', model: 'vaegan', gamma: 0.1, hidden: [16] })],
];

test('exported MLP and conv models give the engine\'s μ, log σ² and decoder output in onnxruntime-web (≤ 1e-5, real images)', async () => {
  const n = 6;
  for (const [what, c] of CASES) {
    const dir = await savedModel(c);
    const out = join(tempDir('le-onnx-out-'), 'export');
    const result = await exportModelDir(dir, out);
    assert.deepEqual(readdirSync(out).sort(), ['decoder.onnx', 'encoder.onnx', 'latent-explorer.json'], what);
    const sidecar = JSON.parse(readFileSync(join(out, 'latent-explorer.json'), 'utf8'));
    assert.deepEqual(sidecar, result.sidecar);
    const [h, w, ch] = c.inputShape;
    const bernoulli = c.likelihood === 'bernoulli';
    assert.equal(sidecar.likelihood, c.likelihood);
    assert.equal(sidecar.layout, 'nchw');
    assert.equal(sidecar.decoderOutput, bernoulli ? 'logits' : 'mean');
    assert.deepEqual(sidecar.inputShape, [ch, h, w]);

    const x = await realImages(n, c.inputShape);
    const K = c.labels?.length ?? 0;
    const y = K ? oneHot(Array.from({ length: n }, (_, i) => i % K), K) : null;
    const yFeed: Record<string, { data: Float32Array; dims: number[] }> = y ? { y: { data: y, dims: [n, K] } } : {};
    const { model } = await loadModel(dir);
    try {
      const enc = await runOnnx(readFileSync(join(out, 'encoder.onnx')), { x: { data: toNchw(x, c.inputShape), dims: [n, ch, h, w] }, ...yFeed });
      assert.deepEqual([...enc.inputNames], y ? ['x', 'y'] : ['x'], what);
      assert.deepEqual([...enc.outputNames], ['mu', 'logvar'], what);
      const yT = y ? tf.tensor2d(y, [n, K]) : undefined;
      const ours = model.encode(tf.tensor2d(x, [n, h * w * ch]), yT);
      const mu = ours.mu.dataSync();
      assert.deepEqual(enc.outputs.mu.dims, [n, c.latentDim]);
      assert.ok(maxAbsDiff(enc.outputs.mu.data, mu) <= 1e-5, `${what}: μ differs by ${maxAbsDiff(enc.outputs.mu.data, mu)}`);
      assert.ok(maxAbsDiff(enc.outputs.logvar.data, ours.logvar.dataSync()) <= 1e-5, `${what}: log σ²`);

      // decode the posterior means: the codes a user explores
      const z = Float32Array.from(mu);
      const dec = await runOnnx(readFileSync(join(out, 'decoder.onnx')), { z: { data: z, dims: [n, c.latentDim] }, ...yFeed });
      const outName = bernoulli ? 'logits' : 'mean';
      assert.equal(dec.outputNames[0], outName, what);
      assert.deepEqual(dec.outputs[outName].dims, [n, ch, h, w]);
      const zT = tf.tensor2d(z, [n, c.latentDim]);
      const expected = (bernoulli ? model.decodeRaw(zT, yT) : model.decode(zT, yT)).dataSync();
      const d = maxAbsDiff(toNhwc(dec.outputs[outName].data, c.inputShape), expected);
      assert.ok(d <= 1e-5, `${what}: decoder output differs by ${d}`);
      if (c.decoderScale === 'learned') {
        const logScale = model.weightValues().get('decoder/logScale')!;
        assert.deepEqual(dec.outputs.log_scale.dims, [1, ch, h, w]);
        assert.deepEqual(toNhwc(dec.outputs.log_scale.data, c.inputShape), logScale);
      }
      tf.dispose([ours.mu, ours.logvar, zT, ...(yT ? [yT] : [])]);
    } finally {
      model.dispose();
    }
  }
});

test('the target folder: created when missing, a previous export replaced, anything else refused with nothing written', async () => {
  const dir = await savedModel(config({ hidden: [8] }));
  const base = tempDir('le-onnx-target-');
  const out = join(base, 'new', 'deeper');
  const first = await exportModelDir(dir, out);
  const again = await exportModelDir(await savedModel(config({ hidden: [8] }), 9), out);
  assert.notEqual(again.sidecar.sha256['encoder.onnx'], first.sidecar.sha256['encoder.onnx']);
  assert.deepEqual(readdirSync(out).sort(), ['decoder.onnx', 'encoder.onnx', 'latent-explorer.json']);

  const foreign = join(base, 'foreign');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'notes.txt'), 'mine');
  await assert.rejects(exportModelDir(dir, foreign), (e: Error) => isUserError(e) && /foreign is not empty and holds notes\.txt/.test(e.message));
  assert.deepEqual(readdirSync(foreign), ['notes.txt']);

  // someone's own encoder.onnx without our sidecar is not ours to overwrite
  const theirs = join(base, 'theirs');
  mkdirSync(theirs);
  writeFileSync(join(theirs, 'encoder.onnx'), 'x');
  await assert.rejects(exportModelDir(dir, theirs), (e: Error) => isUserError(e) && /has no latent-explorer\.json of a previous export/.test(e.message));
  assert.equal(readFileSync(join(theirs, 'encoder.onnx'), 'utf8'), 'x');

  const file = join(base, 'file');
  writeFileSync(file, '');
  await assert.rejects(exportModelDir(dir, file), (e: Error) => isUserError(e) && /is a file/.test(e.message));
});

test('refused before writing: NaN weights, a variant outside the convention, a model folder that is not one', async () => {
  const c = config({ hidden: [8] });
  const dir = await savedModel(c);
  const { model } = await loadModel(dir);
  const weights = model.weightValues();
  model.dispose();
  weights.get('decoder/out/bias')![3] = NaN;
  assert.throws(() => exportVae(c, weights, 'm'), (e: Error) => isUserError(e) && /"decoder\/out\/bias" holds NaN/.test(e.message));
  weights.get('decoder/out/bias')![3] = 0;
  assert.throws(() => exportVae({ ...c, model: 'vqvae' as never }, weights, 'm'), (e: Error) => isUserError(e) && /a "vqvae" model cannot be exported to ONNX/.test(e.message));
  weights.delete('encoder/mu/kernel');
  assert.throws(() => exportVae(c, weights, 'm'), (e: Error) => isUserError(e) && /lack "encoder\/mu\/kernel"/.test(e.message));

  const out = join(tempDir('le-onnx-none-'), 'out');
  await assert.rejects(exportModelDir(tempDir('le-onnx-empty-'), out), (e: Error) => isUserError(e));
  assert.equal(existsSync(out), false);
  // a VQ-VAE's posterior is a code index per cell, not (mu, logvar): a saved one is refused by name
  const vq = await savedModel(config({ model: 'vqvae', net: 'conv', codebookSize: 8, codeDim: 4, commitment: 0.25, latentDim: 196, hidden: [] }));
  await assert.rejects(exportModelDir(vq, out), (e: Error) => isUserError(e) && /a "vqvae" model cannot be exported to ONNX/.test(e.message));
  assert.equal(existsSync(out), false);
});
