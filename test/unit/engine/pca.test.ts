import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pca2 } from '../../../src/engine/pca';
import { Rng } from '../../../src/shared/rng';

test('PCA finds the directions of largest variance and their variances', () => {
  // 5-D points: variance 9 along u, 1 along w (orthogonal), 0.01 elsewhere, shifted by a mean
  const d = 5;
  const u = [1, 1, 0, 0, 0].map((v) => v / Math.SQRT2);
  const w = [0, 0, 1, -1, 0].map((v) => v / Math.SQRT2);
  const rng = new Rng(3);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const n = 4000;
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = 3 * gauss();
    const b = gauss();
    for (let j = 0; j < d; j++) data[i * d + j] = 2 + a * u[j] + b * w[j] + 0.1 * gauss();
  }
  const p = pca2(data, n, d);
  const cos = (x: Float64Array, y: number[]) => Math.abs(x.reduce((s, v, j) => s + v * y[j], 0));
  assert.ok(cos(p.components[0], u) > 0.99, `first component ${Array.from(p.components[0])}`);
  assert.ok(cos(p.components[1], w) > 0.99, `second component ${Array.from(p.components[1])}`);
  assert.ok(Math.abs(p.variances[0] - 9) < 0.6 && Math.abs(p.variances[1] - 1) < 0.1, `variances ${p.variances}`);
  assert.ok(Math.abs(p.totalVariance - (9 + 1 + 5 * 0.01)) < 0.7);
  assert.ok(p.mean.every((m) => Math.abs(m - 2) < 0.2));
  // projections are centred and carry the component variances
  let sx = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sx += p.projected[2 * i];
    sxx += p.projected[2 * i] ** 2;
  }
  assert.ok(Math.abs(sx / n) < 1e-3);
  assert.ok(Math.abs(sxx / (n - 1) - p.variances[0]) < 1e-2 * p.variances[0]);
});
