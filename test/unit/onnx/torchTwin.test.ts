// "Carry a model into PyTorch" without onnx2torch: torchTwin.py builds our architecture as torch modules, loads the
// exported initializers with onnx.numpy_helper and must give the engine's μ, log σ² and decoder output within 1e-5
// on real images. Skipped, saying why, where /usr/bin/python3 lacks torch or onnx (Debian python3-torch, python3-onnx).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../../../src/store';
import { exportModelDir } from '../../../src/onnx/export/exportModelDir';
import type { ModelConfig } from '../../../src/shared/types';
import { tempDir } from '../../helpers/tempDir';
import { config, realImages, savedModel, toNchw } from './exportFixtures';

const PYTHON = '/usr/bin/python3';

function torchMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  const r = spawnSync(PYTHON, ['-c', 'import torch, onnx'], { encoding: 'utf8' });
  return r.status === 0 ? null : `torch or onnx is missing for ${PYTHON} (apt-get install python3-torch python3-onnx): ${r.stderr.trim().split('\n').at(-1)}`;
}

const CASES: [string, ModelConfig][] = [
  ['MLP', config({ hidden: [64, 16] })],
  ['conv 28×28', config({ net: 'conv', hidden: [32] })],
  ['conv 15×9 RGB Gaussian (output_padding 1)', config({ net: 'conv', inputShape: [15, 9, 3], hidden: [16], likelihood: 'gaussian', decoderScale: 0.1 })],
];

test('a PyTorch network of the same architecture, given the exported initializers, gives the engine\'s outputs within 1e-5', { timeout: 300_000 }, async (t) => {
  const missing = torchMissing();
  if (missing) return t.skip(missing);
  const n = 5;
  for (const [what, c] of CASES) {
    const dir = await savedModel(c);
    const out = join(tempDir('le-onnx-torch-'), 'e');
    await exportModelDir(dir, out);
    const data = tempDir('le-onnx-torch-data-');
    const x = await realImages(n, c.inputShape);
    const { model } = await loadModel(dir);
    try {
      const [h, w, ch] = c.inputShape;
      const { mu, logvar } = model.encode(tf.tensor2d(x, [n, h * w * ch]));
      const decoded = c.likelihood === 'bernoulli' ? model.decodeRaw(mu) : model.decode(mu);
      const save = (name: string, v: Float32Array) => writeFileSync(join(data, `${name}.f32`), Buffer.from(v.buffer, v.byteOffset, v.byteLength));
      save('x', toNchw(x, c.inputShape));
      save('mu', mu.dataSync() as Float32Array);
      save('logvar', logvar.dataSync() as Float32Array);
      save('decoded', toNchw(decoded.dataSync() as Float32Array, c.inputShape));
      tf.dispose([mu, logvar, decoded]);
    } finally {
      model.dispose();
    }
    const r = spawnSync(PYTHON, [join(__dirname, 'torchTwin.py'), out, JSON.stringify(c.hidden), data], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const diff = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    assert.equal(diff.n, n);
    for (const key of ['mu', 'logvar', 'decoded']) assert.ok(diff[key] <= 1e-5, `${what}: PyTorch's ${key} differs by ${diff[key]}`);
  }
});
