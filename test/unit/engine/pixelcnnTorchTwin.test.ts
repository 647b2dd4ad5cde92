// bench/peers/pytorch_pixelcnn.py, the PyTorch twin MODELS.md's PixelCNN section compares us with, must be the same
// network: given our weights it gives our μ, log σ² and teacher-forced log p(x|z) (within float32 rounding), and its
// own init follows PixelCnnVae.create's rules (the same bound per weight, the same weights at zero). Skipped, saying
// why, where /usr/bin/python3 lacks torch (Debian python3-torch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import type { ModelConfig } from '../../../src/shared/types';
import { Rng } from '../../../src/shared/rng';
import { tempDir } from '../../helpers/tempDir';

const PYTHON = '/usr/bin/python3';
const TWIN = join(__dirname, '../../../bench/peers/pytorch_pixelcnn.py');
// the twin's fixed network: MLP encoder 784-256, latent 32, the PixelCNN decoder at 28×28
const CONFIG: ModelConfig = { kind: 'mlp-vae', inputShape: [28, 28, 1], hidden: [256], latentDim: 32, likelihood: 'bernoulli', decoderScale: 0.1, decoder: 'pixelcnn' };

function torchMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? null : `torch is missing for ${PYTHON} (apt-get install python3-torch): ${r.stderr.trim().split('\n').at(-1)}`;
}

const f32 = (dir: string, name: string, v: Float32Array) => writeFileSync(join(dir, `${name}.f32`), Buffer.from(v.buffer, v.byteOffset, v.byteLength));

test('the PyTorch twin of the PixelCNN VAE, given our weights, gives our μ, log σ² and log p(x|z); its init follows our rules', { timeout: 300_000 }, async (t) => {
  const missing = torchMissing();
  if (missing) return t.skip(missing);
  await initBackend();
  const fresh = createModel(CONFIG, 5);
  const init = fresh.weightValues();
  fresh.dispose();
  // every weight random and non-zero (a new model's output layer and biases are 0, which would hide a wrong layout)
  const rng = new Rng(11);
  const values = new Map([...init].map(([name, v]) => [name, v.map((w) => (w === 0 ? rng.uniform(-0.2, 0.2) : w))]));
  const model = modelFromWeights(CONFIG, values);
  const dir = tempDir('le-pixelcnn-twin-');
  const n = 4;
  const x = Float32Array.from({ length: n * 784 }, () => (rng.next() < 0.4 ? 1 : 0));
  const z = Float32Array.from({ length: n * 32 }, () => rng.uniform(-2, 2));
  try {
    for (const [name, v] of values) f32(dir, name.replaceAll('/', '__'), v);
    const [mu, logvar, loglik] = tf.tidy(() => {
      const xs = tf.tensor2d(x, [n, 784]);
      const p = model.encode(xs);
      return [p.mu, p.logvar, model.logLikelihood(xs, model.decodeRaw(tf.tensor2d(z, [n, 32])))];
    });
    f32(dir, 'x', x);
    f32(dir, 'z', z);
    f32(dir, 'mu', mu.dataSync() as Float32Array);
    f32(dir, 'logvar', logvar.dataSync() as Float32Array);
    f32(dir, 'loglik', loglik.dataSync() as Float32Array);
    assert.ok(Math.max(...(loglik.dataSync() as Float32Array)) < -50, 'the log-likelihood is not trivially 0');
    tf.dispose([mu, logvar, loglik]);
  } finally {
    model.dispose();
  }
  const r = spawnSync(PYTHON, [TWIN, '--parity', dir], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { n: number; mu: number; logvar: number; loglik: number; init: Record<string, { max_abs: number; zeros: number }> };
  assert.equal(out.n, n);
  assert.ok(out.mu < 1e-4 && out.logvar < 1e-4, `μ differs by ${out.mu}, log σ² by ${out.logvar}`);
  // a sum over 784 pixels of terms of a few nats each, in float32
  assert.ok(out.loglik < 1e-2, `log p(x|z) differs by ${out.loglik} nats`);
  // init: the same weights, each at zero exactly when ours is, and the same uniform bound (a draw's max |w| of a
  // U(±b) tensor of ≥ 32 values is within 15 % of b)
  assert.deepEqual(Object.keys(out.init).sort(), [...init.keys()].sort());
  for (const [name, v] of init) {
    const ours = v.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
    const theirs = out.init[name];
    if (ours === 0) assert.equal(theirs.zeros, 1, `${name}: ours starts at 0, the twin's does not`);
    else assert.ok(Math.abs(theirs.max_abs - ours) <= 0.15 * ours && theirs.zeros < 0.5, `${name}: max |w| ${theirs.max_abs} vs ours ${ours}`);
  }
});
