import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { dense, densePlain } from '../../../src/engine/dense';
import { betaLoss } from '../../../src/engine/elbo';
import { createModel } from '../../../src/engine/models/registry';
import { reparameterizeWith } from '../../../src/engine/reparameterize';
import { imagesToTensor } from '../../../src/engine/batches';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

test('the fast dense layer equals plain tfjs ops in value and gradients', async () => {
  await initBackend();
  for (const act of ['linear', 'relu'] as const) {
    const x = tf.randomNormal([5, 7], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([7, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
    const b = tf.randomNormal([4], 0, 1, 'float32', 3) as tf.Tensor1D;
    const f = (fn: typeof dense) => (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
      tf.sum(tf.square(fn(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, act)));
    const fast = tf.grads(f(dense))([x, w, b]);
    const plain = tf.grads(f(densePlain))([x, w, b]);
    const dv = tf.max(tf.abs(tf.sub(dense(x, w, b, act), densePlain(x, w, b, act)))).dataSync()[0];
    assert.ok(dv < 1e-5, `${act} forward differs by ${dv}`);
    fast.forEach((g, i) => {
      const d = tf.max(tf.abs(tf.sub(g, plain[i]))).dataSync()[0];
      assert.ok(d < 1e-4, `${act} gradient ${i} differs by ${d}`);
    });
  }
});

test('the data-layer variant gives the same weight gradients and skips the input gradient', async () => {
  await initBackend();
  const x = tf.randomNormal([5, 7], 0, 1, 'float32', 4) as tf.Tensor2D;
  const w = tf.randomNormal([7, 4], 0, 1, 'float32', 5) as tf.Tensor2D;
  const b = tf.randomNormal([4], 0, 1, 'float32', 6) as tf.Tensor1D;
  const loss = (onData: boolean) => (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.square(dense(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, 'relu', onData)));
  const [dx, dw, db] = tf.grads(loss(true))([x, w, b]);
  const [, dwRef, dbRef] = tf.grads(loss(false))([x, w, b]);
  assert.equal(tf.max(tf.abs(dx)).dataSync()[0], 0);
  assert.equal(tf.max(tf.abs(tf.sub(dw, dwRef))).dataSync()[0], 0);
  assert.equal(tf.max(tf.abs(tf.sub(db, dbRef))).dataSync()[0], 0);
});

test('reparameterisation gradients of E[f(z)] match finite differences', async () => {
  await initBackend();
  // f(z) = Σ sin(z) + z², z = μ + exp(½ log σ²)·ε with ε fixed
  const eps = tf.tensor1d([0.3, -1.1, 0.8]);
  const f = (mu: tf.Tensor, lv: tf.Tensor) => {
    const z = reparameterizeWith(mu, lv, eps);
    return tf.sum(tf.add(tf.sin(z), tf.square(z)));
  };
  const mu0 = [0.2, -0.4, 1.0];
  const lv0 = [-0.3, 0.1, 0.5];
  const [gMu, gLv] = tf.grads((m: tf.Tensor, l: tf.Tensor) => f(m, l))([tf.tensor1d(mu0), tf.tensor1d(lv0)]);
  const h = 1e-2;
  const val = (m: number[], l: number[]) => f(tf.tensor1d(m), tf.tensor1d(l)).dataSync()[0];
  for (let i = 0; i < 3; i++) {
    const up = [...mu0];
    const dn = [...mu0];
    up[i] += h;
    dn[i] -= h;
    const fdMu = (val(up, lv0) - val(dn, lv0)) / (2 * h);
    const upL = [...lv0];
    const dnL = [...lv0];
    upL[i] += h;
    dnL[i] -= h;
    const fdLv = (val(mu0, upL) - val(mu0, dnL)) / (2 * h);
    assert.ok(Math.abs(gMu.dataSync()[i] - fdMu) < 2e-3, `dμ[${i}] ${gMu.dataSync()[i]} vs ${fdMu}`);
    assert.ok(Math.abs(gLv.dataSync()[i] - fdLv) < 2e-3, `dlogσ²[${i}] ${gLv.dataSync()[i]} vs ${fdLv}`);
  }
});

test('the model loss gradient w.r.t. weights matches finite differences (fixed noise seed)', async () => {
  await initBackend();
  const model = createModel(tinyConfig({ hidden: [6], latentDim: 2 }), 5);
  const x = imagesToTensor(syntheticDataset(4), [0, 1, 2, 3]);
  const loss = () => betaLoss(model.lossTerms(x, 11), 1);
  const vars = model.trainableVariables();
  const { grads } = tf.variableGrads(loss, vars);
  let checked = 0;
  for (const v of vars.slice(0, 4)) {
    const g = grads[v.name].dataSync();
    const values = v.dataSync().slice();
    for (const i of [0, Math.floor(values.length / 2)]) {
      const h = 5e-3;
      const at = (delta: number) => {
        const copy = values.slice();
        copy[i] += delta;
        v.assign(tf.tensor(copy, v.shape));
        return loss().dataSync()[0];
      };
      const fd = (at(h) - at(-h)) / (2 * h);
      v.assign(tf.tensor(values, v.shape));
      assert.ok(Math.abs(g[i] - fd) < 0.02 * Math.max(1, Math.abs(fd)), `${v.name}[${i}]: ${g[i]} vs ${fd}`);
      checked++;
    }
  }
  assert.equal(checked, 8);
});
