// Posterior flows against their definitions: the planar invertibility constraint under any parameters, each
// flow's log-determinant against a finite-difference Jacobian, IAF's Jacobian lower triangular in its order with
// σ(s) on the diagonal, and the MADE masks' autoregressive property.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { iafFlow, iafStep, madeMasks, type IafMasks, type IafStepWeights } from '../../../src/engine/flows/iaf';
import { constrainPlanarU, planarFlow } from '../../../src/engine/flows/planar';
import { Rng } from '../../../src/shared/rng';

const H = 1e-2;

/** log |det J| of f at z (one row, d small) by central differences, in float64 from float32 evaluations. */
function numericalLogDet(f: (z: Float32Array) => Float32Array, z: Float32Array): { logDet: number; jacobian: number[][] } {
  const d = z.length;
  const jacobian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    const plus = z.slice();
    const minus = z.slice();
    plus[j] += H;
    minus[j] -= H;
    const fp = f(plus);
    const fm = f(minus);
    for (let i = 0; i < d; i++) jacobian[i][j] = (fp[i] - fm[i]) / (2 * H);
  }
  return { logDet: Math.log(Math.abs(determinant(jacobian))), jacobian };
}

/** det by Gaussian elimination with partial pivoting. */
function determinant(m: number[][]): number {
  const a = m.map((r) => r.slice());
  const n = a.length;
  let det = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (a[p][c] === 0) return 0;
    if (p !== c) {
      [a[p], a[c]] = [a[c], a[p]];
      det = -det;
    }
    det *= a[c][c];
    for (let r = c + 1; r < n; r++) {
      const k = a[r][c] / a[c][c];
      for (let cc = c; cc < n; cc++) a[r][cc] -= k * a[c][cc];
    }
  }
  return det;
}

function randomArray(rng: Rng, n: number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => rng.uniform(-scale, scale));
}

test('planar flows: wᵀû ≥ −1 after any u and w, however extreme (Rezende & Mohamed 2015, appendix A)', async () => {
  await initBackend();
  const rng = new Rng(11);
  const d = 4;
  const cases: [Float32Array, Float32Array][] = [];
  for (let i = 0; i < 200; i++) cases.push([randomArray(rng, d, 10 ** rng.uniform(-3, 2)), randomArray(rng, d, 10 ** rng.uniform(-3, 2))]);
  // adversarial: u pointing against w, tiny w, huge u
  const w = Float32Array.from([1, -2, 0.5, 3]);
  cases.push([Float32Array.from(w, (v) => -100 * v), w], [Float32Array.from([-1e4, 0, 0, 0]), Float32Array.from([1e-3, 0, 0, 0])], [Float32Array.from([-5, -5, -5, -5]), Float32Array.from([5, 5, 5, 5])]);
  const u = tf.tensor2d(cases.flatMap(([a]) => [...a]), [cases.length, d]);
  const wt = tf.tensor2d(cases.flatMap(([, b]) => [...b]), [cases.length, d]);
  const [wuHat, m, scale] = tf.tidy(() => {
    const c = constrainPlanarU(u, wt);
    return [tf.sum(tf.mul(wt, c.uHat), 1).dataSync(), c.wuHat.dataSync(), tf.mul(tf.norm(u, 'euclidean', 1), tf.norm(wt, 'euclidean', 1)).dataSync()];
  });
  // before the constraint many of these have wᵀu far below −1
  const before = tf.tidy(() => tf.sum(tf.mul(wt, u), 1).dataSync());
  assert.ok(Array.from(before).filter((v) => v < -1).length > 20, 'the cases include many non-invertible (u, w)');
  for (let i = 0; i < cases.length; i++) {
    // m(wᵀu), which the log-det uses, is ≥ −1 exactly; wᵀû from û equals it up to float32 rounding of ‖u‖‖w‖
    assert.ok(m[i] >= -1, `case ${i}: m(wᵀu) = ${m[i]}`);
    assert.ok(Math.abs(wuHat[i] - m[i]) <= 1e-6 * (1 + scale[i]) * 8, `case ${i}: wᵀû = ${wuHat[i]}, m = ${m[i]}, ‖u‖‖w‖ = ${scale[i]}`);
  }
  // so the log-determinant stays finite wherever z is
  const logDet = tf.tidy(() => planarFlow(tf.randomNormal([cases.length, d], 0, 3, 'float32', 4) as tf.Tensor2D, tf.concat([u, wt, tf.zeros([cases.length, 1])], 1) as tf.Tensor2D, 1).logDet.dataSync());
  assert.ok(logDet.every(Number.isFinite));
  tf.dispose([u, wt]);
});

test('planar flows: Σ log |det ∂f/∂z| equals the log-determinant of a finite-difference Jacobian (d = 3, 4 steps)', async () => {
  await initBackend();
  const rng = new Rng(5);
  const d = 3;
  const steps = 4;
  for (let trial = 0; trial < 6; trial++) {
    const params = randomArray(rng, steps * (2 * d + 1), 1.5);
    const z0 = randomArray(rng, d, 1.5);
    const run = (z: Float32Array) =>
      tf.tidy(() => {
        const r = planarFlow(tf.tensor2d(z, [1, d]), tf.tensor2d(params, [1, params.length]), steps);
        return { z: r.z.dataSync() as Float32Array, logDet: r.logDet.dataSync()[0] };
      });
    const { logDet } = numericalLogDet((z) => run(z).z, z0);
    const analytic = run(z0).logDet;
    assert.ok(Math.abs(analytic - logDet) < 2e-3, `trial ${trial}: analytic ${analytic}, numerical ${logDet}`);
  }
});

function iafWeights(rng: Rng, d: number, hidden: number, ctx: number): IafStepWeights {
  const t = (shape: number[], scale: number) => tf.tensor(randomArray(rng, shape.reduce((a, b) => a * b, 1), scale), shape);
  return { zKernel: t([d, hidden], 1), hKernel: t([ctx, hidden], 0.5), bias: t([hidden], 0.2), mKernel: t([hidden, d], 0.5), mBias: t([d], 0.2), sKernel: t([hidden, d], 0.5), sBias: t([d], 1) };
}

function maskTensors(d: number, hidden: number): IafMasks {
  const { inMask, outMask } = madeMasks(d, hidden);
  return { inMask: tf.tensor2d(inMask, [d, hidden]), outMask: tf.tensor2d(outMask, [hidden, d]) };
}

test('MADE masks: output d is reachable only from inputs before d, and every earlier input reaches it', () => {
  for (const [d, hidden] of [[2, 8], [4, 16], [5, 9], [20, 80]]) {
    const { inMask, outMask } = madeMasks(d, hidden);
    for (let i = 0; i < d; i++) {
      for (let o = 0; o < d; o++) {
        let paths = 0;
        for (let j = 0; j < hidden; j++) paths += inMask[i * hidden + j] * outMask[j * d + o];
        if (i >= o) assert.equal(paths, 0, `d ${d}: input ${i} must not reach output ${o}`);
        else assert.ok(paths > 0, `d ${d}: input ${i} should reach output ${o}`);
      }
    }
  }
  // one dimension has nothing to depend on
  assert.ok(madeMasks(1, 4).inMask.every((v) => v === 0));
});

test("IAF: one step's Jacobian is lower triangular in its order with σ(s) on the diagonal, and Σ log σ(s) is its log-det", async () => {
  await initBackend();
  const rng = new Rng(9);
  const [d, hidden, ctx] = [4, 12, 5];
  const w = iafWeights(rng, d, hidden, ctx);
  const masks = maskTensors(d, hidden);
  const h = tf.tensor2d(randomArray(rng, ctx), [1, ctx]);
  const z0 = randomArray(rng, d, 1.5);
  const step = (z: Float32Array) => tf.tidy(() => iafStep(tf.tensor2d(z, [1, d]), h, w, masks).z.dataSync() as Float32Array);
  const { logDet, jacobian } = numericalLogDet(step, z0);
  let offDiagonal = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) offDiagonal = Math.max(offDiagonal, Math.abs(jacobian[i][j]));
  assert.ok(offDiagonal > 1e-2, 'the step does depend on earlier dimensions (the check below is not vacuous)');
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) assert.ok(Math.abs(jacobian[i][j]) < 1e-4, `∂z'_${i}/∂z_${j} = ${jacobian[i][j]} must be 0`);
  // the diagonal is σ(s), s from the MADE at z0
  const s = tf.tidy(() => {
    const zt = tf.tensor2d(z0, [1, d]);
    const hid = tf.relu(tf.add(tf.add(tf.matMul(zt, tf.mul(w.zKernel, masks.inMask) as tf.Tensor2D), tf.matMul(h, w.hKernel as tf.Tensor2D)), w.bias)) as tf.Tensor2D;
    return tf.sigmoid(tf.add(tf.matMul(hid, tf.mul(w.sKernel, masks.outMask) as tf.Tensor2D), w.sBias)).dataSync();
  });
  for (let i = 0; i < d; i++) assert.ok(Math.abs(jacobian[i][i] - s[i]) < 1e-3, `diagonal ${i}: ${jacobian[i][i]} vs σ(s) ${s[i]}`);
  const analytic = tf.tidy(() => iafStep(tf.tensor2d(z0, [1, d]), h, w, masks).logDet.dataSync()[0]);
  assert.ok(Math.abs(analytic - logDet) < 2e-3, `analytic ${analytic}, numerical ${logDet}`);
  tf.dispose([h, masks.inMask, masks.outMask, ...Object.values(w)]);
});

test('IAF: three steps with reversals between them — the log-det matches a finite-difference Jacobian (d = 3)', async () => {
  await initBackend();
  const rng = new Rng(21);
  const [d, hidden, ctx] = [3, 10, 4];
  const steps = [iafWeights(rng, d, hidden, ctx), iafWeights(rng, d, hidden, ctx), iafWeights(rng, d, hidden, ctx)];
  const masks = maskTensors(d, hidden);
  const h = tf.tensor2d(randomArray(rng, ctx), [1, ctx]);
  for (let trial = 0; trial < 4; trial++) {
    const z0 = randomArray(rng, d, 2);
    const run = (z: Float32Array) => tf.tidy(() => iafFlow(tf.tensor2d(z, [1, d]), h, steps, masks).z.dataSync() as Float32Array);
    const { logDet, jacobian } = numericalLogDet(run, z0);
    // after a reversal the whole flow is no longer triangular in one order: every output depends on every input
    assert.ok(Math.abs(jacobian[0][d - 1]) > 1e-4 || Math.abs(jacobian[d - 1][0]) > 1e-4);
    const analytic = tf.tidy(() => iafFlow(tf.tensor2d(z0, [1, d]), h, steps, masks).logDet.dataSync()[0]);
    assert.ok(Math.abs(analytic - logDet) < 2e-3, `trial ${trial}: analytic ${analytic}, numerical ${logDet}`);
  }
  tf.dispose([h, masks.inMask, masks.outMask, ...steps.flatMap((w) => Object.values(w))]);
});
