import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelCentroids, muRange } from '../../../src/engine/labelCentroids';
import { applyAttribute, attributeVector } from '../../../src/shared/attribute';
import { normalQuantile } from '../../../src/shared/normalQuantile';
import { linspace, traverseBounds } from '../../../src/shared/traversalRange';

test('label centroids and the attribute vector on a hand case are exact', () => {
  // label 0: (1, 2), (3, 4) → centroid (2, 3); label 1: (−1, 0.5) → itself; label 2: no image
  const mus = Float32Array.from([1, 2, -1, 0.5, 3, 4]);
  const { centroids, counts } = labelCentroids(mus, [0, 1, 0], 2, 3);
  assert.deepEqual(centroids, [[2, 3], [-1, 0.5], null]);
  assert.deepEqual(counts, [2, 1, 0]);
  const v = attributeVector(centroids as number[][], 0, 1);
  assert.deepEqual(v, [-3, -2.5]);
  // z + s·v at s = 1 moves the first centroid onto the second; s = −2 away from it
  assert.deepEqual(applyAttribute([2, 3], v, 1), [-1, 0.5]);
  assert.deepEqual(applyAttribute([0, 0], v, -2), [6, 5]);
  assert.deepEqual(applyAttribute([0.25, 1], null, 1.5), [0.25, 1]);
  assert.throws(() => labelCentroids(mus, [0, 3, 0], 2, 3), /label 3/);
  assert.throws(() => attributeVector([[1]], 0, 1), /no centroids/);
});

test('μ ranges per dimension', () => {
  assert.deepEqual(muRange(Float32Array.from([1, 2, -1, 0.5, 3, 4]), 3, 2), { min: [-1, 0.5], max: [3, 4] });
});

test('Φ⁻¹ matches tabulated quantiles of N(0, 1)', () => {
  // values of scipy.stats.norm.ppf, to 12 significant digits
  const table: [number, number][] = [
    [0.5, 0],
    [0.95, 1.64485362695147],
    [0.05, -1.64485362695147],
    [0.975, 1.95996398454005],
    [0.841344746068543, 1],
    [0.01, -2.32634787404084],
    [0.001, -3.09023230616781],
    [0.999, 3.09023230616781],
    [1e-6, -4.75342430882289],
  ];
  for (const [p, x] of table) assert.ok(Math.abs(normalQuantile(p) - x) < 1e-8 * Math.max(1, Math.abs(x)), `Φ⁻¹(${p}) = ${normalQuantile(p)}, want ${x}`);
  // monotone and antisymmetric
  for (let p = 0.001; p < 0.999; p += 0.01) {
    assert.ok(normalQuantile(p + 0.005) > normalQuantile(p));
    assert.ok(Math.abs(normalQuantile(p) + normalQuantile(1 - p)) < 1e-9);
  }
  assert.throws(() => normalQuantile(0), RangeError);
  assert.throws(() => normalQuantile(1), RangeError);
});

test('traversal bounds: ±kσ, prior quantiles, data min/max', () => {
  assert.deepEqual(traverseBounds({ kind: 'sigma', k: 2 }, 0, null), [-2, 2]);
  const [lo, hi] = traverseBounds({ kind: 'quantile', p: 0.05 }, 3, null)!;
  assert.ok(Math.abs(lo + 1.64485362695147) < 1e-8 && Math.abs(hi - 1.64485362695147) < 1e-8);
  assert.deepEqual(traverseBounds({ kind: 'data' }, 1, { muMin: [-1, -0.5], muMax: [1, 2.5] }), [-0.5, 2.5]);
  assert.equal(traverseBounds({ kind: 'data' }, 1, null), null);
  assert.deepEqual(linspace(-1, 1, 5), [-1, -0.5, 0, 0.5, 1]);
});
