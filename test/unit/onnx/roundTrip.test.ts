// Export → import → the same model (issue 13's round trip): export-onnx then `import` with no flags (the sidecar
// says likelihood, layout and decoder output), and the imported model's encode and decode equal the original's
// within 1e-5 on real images, MLP and conv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../../../src/store';
import type { ModelConfig } from '../../../src/shared/types';
import { tempDir } from '../../helpers/tempDir';
import { config, maxAbsDiff, realImages, savedModel } from './exportFixtures';

const cli = join(__dirname, '../../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

const CASES: [string, ModelConfig][] = [
  ['MLP Bernoulli', config({ hidden: [64] })],
  ['conv Bernoulli', config({ net: 'conv', hidden: [32] })],
  ['conv Gaussian σ 0.2', config({ net: 'conv', hidden: [16], likelihood: 'gaussian', decoderScale: 0.2 })],
];

test('export-onnx → import (no flags) → encode and decode equal the original model\'s within 1e-5', { timeout: 300_000 }, async () => {
  const n = 6;
  for (const [what, c] of CASES) {
    const dir = await savedModel(c);
    const base = tempDir('le-onnx-trip-');
    const exported = run('export-onnx', dir, '--out', join(base, 'onnx'));
    assert.equal(exported.status, 0, exported.stderr);
    const imported = join(base, 'imported');
    const r = run('import', '--encoder', join(base, 'onnx', 'encoder.onnx'), '--decoder', join(base, 'onnx', 'decoder.onnx'), '--out', imported, '--json');
    assert.equal(r.status, 0, `${what}: ${r.stderr}`);

    const x = await realImages(n, c.inputShape);
    const [h, w, ch] = c.inputShape;
    const original = await loadModel(dir);
    const back = await loadModel(imported);
    try {
      assert.equal(back.manifest.model.likelihood, c.likelihood, what);
      assert.equal(back.manifest.model.decoderScale, c.decoderScale, what);
      assert.equal(back.manifest.model.latentDim, c.latentDim, what);
      const xs = tf.tensor2d(x, [n, h * w * ch]);
      const a = original.model.encode(xs);
      const b = back.model.encode(xs);
      assert.ok(maxAbsDiff(a.mu.dataSync(), b.mu.dataSync()) <= 1e-5, `${what}: μ differs by ${maxAbsDiff(a.mu.dataSync(), b.mu.dataSync())}`);
      assert.ok(maxAbsDiff(a.logvar.dataSync(), b.logvar.dataSync()) <= 1e-5, `${what}: log σ²`);
      const da = original.model.decode(a.mu);
      const db = back.model.decode(a.mu);
      assert.deepEqual(db.shape, [n, h * w * ch]);
      assert.ok(maxAbsDiff(da.dataSync(), db.dataSync()) <= 1e-5, `${what}: E[x|z] differs by ${maxAbsDiff(da.dataSync(), db.dataSync())}`);
      tf.dispose([xs, a.mu, a.logvar, b.mu, b.logvar, da, db]);
    } finally {
      original.model.dispose();
      back.model.dispose();
    }
  }
});
