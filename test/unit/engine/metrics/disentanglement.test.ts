// MIG, SAP and DCI against cases whose answers are known in closed form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discreteEntropy, histogramDiscretize, mutualInfoScore } from '../../../../src/engine/metrics/discretize';
import { mig } from '../../../../src/engine/metrics/mig';
import { sapFromMatrix, sapScoreMatrix } from '../../../../src/engine/metrics/sap';
import { dci, dciCompleteness, dciDisentanglement } from '../../../../src/engine/metrics/dci';
import { heldOutSplit } from '../../../../src/engine/metrics/split';
import { Rng } from '../../../../src/shared/rng';

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

/** n images with k uniform factors of `levels` values each, and codes: the factors, then `extra` noise dimensions. */
function world(n: number, k: number, levels: number, extra: number, seed: number, copy = true) {
  const rng = new Rng(seed);
  const factors = Array.from({ length: k }, () => Int32Array.from({ length: n }, () => Math.floor(rng.next() * levels)));
  const d = k + extra;
  const codes = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) codes[i * d + j] = copy ? factors[j][i] + 0.01 * rng.next() : rng.next();
    for (let j = k; j < d; j++) codes[i * d + j] = rng.next();
  }
  return { factors, codes, d };
}

test('histogramDiscretize: equal-width bins 1..20 over [min, max], the maximum in the last bin (np.digitize over histogram edges)', () => {
  const x = Float64Array.from({ length: 21 }, (_, i) => i);
  assert.deepEqual([...histogramDiscretize(x, 20)], [...Array.from({ length: 20 }, (_, i) => i + 1), 20]);
  assert.deepEqual([...histogramDiscretize([3, 3, 3])], [11, 11, 11]); // width 0 → range ±0.5: 3 sits on edge 10 (numpy gives 11 too)
});

test('discrete mutual information and entropy: closed forms', () => {
  // two independent fair bits: I = 0; a copy: I = H = log 2
  const a = [0, 0, 1, 1];
  const b = [0, 1, 0, 1];
  close(mutualInfoScore(a, b), 0, 1e-15, 'independent');
  close(mutualInfoScore(a, a), Math.log(2), 1e-15, 'copy');
  close(discreteEntropy([0, 1, 2, 3]), Math.log(4), 1e-15, 'uniform over 4');
  // labels are names, not numbers: relabelling changes nothing
  close(mutualInfoScore([5, 5, 9, 9], [7, 1, 7, 1]), 0, 1e-15, 'relabelled');
});

test('MIG = 1 for codes that copy the factors, ≈ 0 for noise', () => {
  // every combination of 3 factors × 5 values equally often: different factors are exactly independent
  const n = 125 * 4;
  const factors = [0, 1, 2].map((j) => Int32Array.from({ length: n }, (_, i) => Math.floor((i % 125) / 5 ** j) % 5));
  const copy = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) copy[i * 3 + j] = 0.5 * factors[j][i] - 1;
  close(mig(copy, n, 3, factors).mig, 1, 1e-12, 'copied factors');
  // with two extra noise dimensions the gap shrinks only by their finite-sample mutual information
  const good = world(4000, 3, 5, 2, 1);
  assert.ok(mig(good.codes, 4000, good.d, good.factors).mig > 0.98);
  const noise = world(4000, 3, 5, 2, 2, false);
  const z = mig(noise.codes, 4000, noise.d, noise.factors);
  assert.ok(Math.abs(z.mig) < 0.02, `noise MIG ${z.mig}`);
  // a factor copied into two dimensions has no gap
  const twice = world(2000, 1, 4, 0, 3);
  const codes = new Float64Array(2000 * 2);
  for (let i = 0; i < 2000; i++) codes[i * 2] = codes[i * 2 + 1] = twice.factors[0][i];
  close(mig(codes, 2000, 2, twice.factors).mig, 0, 1e-12, 'duplicated code');
});

test('SAP: 1 for codes that copy numeric factors (squared correlation), ≈ 0 for noise; categorical factors by held-out accuracy', () => {
  const good = world(2000, 2, 5, 1, 4);
  const split = heldOutSplit(2000, 1);
  const numeric = good.factors.map((f) => ({ kind: 'numeric' as const, values: f }));
  const s = sapScoreMatrix(good.codes, 2000, good.d, numeric, split);
  close(sapFromMatrix(s, good.d, 2), 1, 2e-3, 'numeric copy (the codes carry 1 % noise)');
  const categorical = good.factors.map((f) => ({ kind: 'categorical' as const, classes: f, k: 5 }));
  const sc = sapScoreMatrix(good.codes, 2000, good.d, categorical, split);
  // the copying code predicts its factor perfectly; the others score near chance (1/5)
  close(sc[0 * 2 + 0], 1, 1e-12, 'accuracy of the copying code');
  assert.ok(sapFromMatrix(sc, good.d, 2) > 0.7, `categorical SAP ${sapFromMatrix(sc, good.d, 2)}`);
  const noise = world(2000, 2, 5, 1, 5, false);
  const sn = sapScoreMatrix(noise.codes, 2000, noise.d, noise.factors.map((f) => ({ kind: 'numeric' as const, values: f })), split);
  assert.ok(sapFromMatrix(sn, noise.d, 2) < 0.01);
});

test('DCI on an importance matrix: identity → D = C = 1; uniform → 0; one code for everything → D = 0, C = 1', () => {
  close(dciDisentanglement([1, 0, 0, 1], 2, 2), 1, 1e-9, 'D identity');
  close(dciCompleteness([1, 0, 0, 1], 2, 2), 1, 1e-9, 'C identity');
  close(dciDisentanglement([1, 1, 1, 1], 2, 2), 0, 1e-9, 'D uniform');
  close(dciCompleteness([1, 1, 1, 1], 2, 2), 0, 1e-9, 'C uniform');
  close(dciDisentanglement([1, 1, 0, 0], 2, 2), 0, 1e-9, 'D one code');
  close(dciCompleteness([1, 1, 0, 0], 2, 2), 1, 1e-9, 'C one code');
  // an all-zero matrix weighs codes equally (dci.py's ones_like) and every entropy is that of the uniform 1e-11s
  close(dciDisentanglement([0, 0, 0, 0], 2, 2), 0, 1e-9, 'zero matrix');
});

test('DCI with the logistic importance: codes that copy the factors score high D, C and I; noise scores low I', () => {
  const good = world(1500, 2, 4, 2, 6);
  const split = heldOutSplit(1500, 2);
  const r = dci(good.codes, good.d, good.factors.map((f) => ({ classes: f, k: 4 })), split);
  assert.ok(r.informativeness > 0.95, `I ${r.informativeness}`);
  assert.ok(r.disentanglement > 0.6 && r.completeness > 0.6, `D ${r.disentanglement} C ${r.completeness}`);
  const noise = world(1500, 2, 4, 2, 7, false);
  const rn = dci(noise.codes, noise.d, noise.factors.map((f) => ({ classes: f, k: 4 })), split);
  assert.ok(rn.informativeness < 0.4, `noise I ${rn.informativeness}`);
});
