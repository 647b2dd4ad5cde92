// The native fast paths (OpenBLAS matMul, fused Adam) against tfjs-wasm's own kernels in the same process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { blasMatMulInstalled, installBlasMatMul, uninstallBlasMatMul } from '../../../src/engine/blasMatMul';
import { nativeKernels } from '../../../src/engine/nativeKernels';
import { createAdam } from '../../../src/engine/optimizer';
import { createModel } from '../../../src/engine/models/registry';
import { betaLoss } from '../../../src/engine/elbo';
import { imagesToTensor } from '../../../src/engine/batches';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';
import { nativeOrSkip } from '../../helpers/native';

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Runs `f` once on tfjs-wasm's own matMul kernel and once on the BLAS one. */
function bothKernels<T>(f: () => T): { wasm: T; blas: T } {
  const sgemm = nativeKernels()!.sgemm;
  uninstallBlasMatMul();
  try {
    return { wasm: f(), blas: (installBlasMatMul(sgemm), f()) };
  } finally {
    if (!blasMatMulInstalled()) installBlasMatMul(sgemm);
  }
}

test('the BLAS matMul equals tfjs-wasm for every transpose combination, rank 3 with a batch of one, and falls back below its size threshold', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  const a = tf.randomNormal([96, 200], 0, 1, 'float32', 1);
  const b = tf.randomNormal([200, 130], 0, 1, 'float32', 2);
  const aT = tf.transpose(a);
  const bT = tf.transpose(b);
  const cases: [string, () => tf.Tensor][] = [
    ['a·b', () => tf.matMul(a, b)],
    ['aᵀ·b', () => tf.matMul(aT, b, true, false)],
    ['a·bᵀ', () => tf.matMul(a, bT, false, true)],
    ['aᵀ·bᵀ', () => tf.matMul(aT, bT, true, true)],
    ['rank 3', () => tf.matMul(tf.reshape(a, [1, 96, 200]), tf.reshape(b, [1, 200, 130]))],
    ['small (falls back)', () => tf.matMul(tf.slice(a, [0, 0], [3, 5]), tf.slice(b, [0, 0], [5, 4]))],
  ];
  for (const [name, f] of cases) {
    const { wasm, blas } = bothKernels(f);
    assert.deepEqual(blas.shape, wasm.shape, `${name}: shape`);
    // sums of 200 products in a different order: float32 rounding only
    const d = maxAbsDiff(blas, wasm);
    assert.ok(d < 1e-4, `${name}: BLAS and wasm differ by ${d}`);
    tf.dispose([wasm, blas]);
  }
});

test('the BLAS matMul writes only its own output: neighbouring tensors in the wasm heap are untouched', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  const before = tf.fill([1000], 7);
  const a = tf.randomNormal([128, 300], 0, 1, 'float32', 3);
  const b = tf.randomNormal([300, 64], 0, 1, 'float32', 4);
  const c = tf.matMul(a, b);
  const after = tf.fill([1000], 9);
  assert.deepEqual([...new Set(before.dataSync())], [7]);
  assert.deepEqual([...new Set(after.dataSync())], [9]);
  tf.dispose([before, a, b, c, after]);
});

test('the native fused Adam follows tf.train.adam step for step on the VAE loss', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  // 16×16 images and 64 hidden units: large enough that every matMul takes the BLAS path
  const ds = syntheticDataset(64, 16, 16);
  const cfg = tinyConfig({ inputShape: [16, 16, 1], hidden: [64], latentDim: 4 });
  const x = imagesToTensor(ds, Array.from({ length: 64 }, (_, i) => i));
  const run = (allowNative: boolean) => {
    const model = createModel(cfg, 7);
    const opt = createAdam(1e-2, 0.9, 0.999, 1e-8, allowNative);
    const losses: number[] = [];
    for (let s = 0; s < 20; s++) {
      const loss = opt.minimize(() => betaLoss(model.lossTerms(x, 100 + s), 1), model.trainableVariables());
      losses.push(loss.dataSync()[0]);
      loss.dispose();
    }
    opt.dispose();
    return { model, losses };
  };
  const plain = run(false);
  const fused = run(true);
  for (let s = 0; s < 20; s++) {
    const rel = Math.abs(fused.losses[s] - plain.losses[s]) / Math.abs(plain.losses[s]);
    assert.ok(rel < 1e-4, `step ${s}: loss ${fused.losses[s]} (fused) vs ${plain.losses[s]} (tfjs)`);
  }
  const wf = fused.model.trainableVariables();
  const wp = plain.model.trainableVariables();
  for (let i = 0; i < wf.length; i++) {
    const d = maxAbsDiff(wf[i], wp[i]);
    assert.ok(d < 1e-4, `${wf[i].name}: weights differ by ${d} after 20 steps`);
  }
  assert.ok(fused.losses[19] < fused.losses[0], 'the loss fell');
  fused.model.dispose();
  plain.model.dispose();
  x.dispose();
});

test('the native kernels reject mismatched or overlapping arrays instead of writing past them', async (t) => {
  if (!(await nativeOrSkip(t))) return;
  const k = nativeKernels()!;
  const a = new Float32Array(6);
  const b = new Float32Array(6);
  assert.throws(() => k.sgemm(a, b, new Float32Array(3), 2, 2, 3, false, false), /lengths do not match/);
  const hp = [1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001] as const;
  assert.throws(() => k.adam(a, b, new Float32Array(5), new Float32Array(6), new Float32Array(6), ...hp), /same length/);
  const shared = new Float32Array(12);
  assert.throws(() => k.adam(a, b, shared.subarray(0, 6), shared.subarray(3, 9), new Float32Array(6), ...hp), /overlap/);
});
