// The flow view's maths: the k-σ ellipse of a 2×2 covariance against closed forms, the mass inside it against
// samples, and the moments of a point cloud.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covarianceEllipse, ellipsePoint, fractionInside, mahalanobis2, massInsideEllipse, moments2 } from '../../../src/shared/ellipse';
import { Rng } from '../../../src/shared/rng';

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('a diagonal covariance: semi-axes k·σ_x and k·σ_y along the axes', () => {
  const e = covarianceEllipse(1, -2, { xx: 4, xy: 0, yy: 0.25 }, 2);
  close(e.rx, 4, 1e-12, 'rx');
  close(e.ry, 1, 1e-12, 'ry');
  close(e.angle, 0, 1e-12, 'angle');
  const [x, y] = ellipsePoint(e, Math.PI / 2);
  close(x, 1, 1e-12, 'top x');
  close(y, -1, 1e-12, 'top y');
});

test('a rotated covariance Σ = R(θ) diag(9, 1) R(θ)ᵀ: semi-axes 3k and k, the first at θ; every point at Mahalanobis distance k', () => {
  for (const theta of [0.4, 1.2, -0.7]) {
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const cov = { xx: 9 * c * c + s * s, xy: 8 * c * s, yy: 9 * s * s + c * c };
    for (const k of [1, 2]) {
      const e = covarianceEllipse(0.5, 0.25, cov, k);
      close(e.rx, 3 * k, 1e-9, 'rx');
      close(e.ry, k, 1e-9, 'ry');
      // an axis direction is defined up to π
      close(Math.sin(e.angle - theta), 0, 1e-9, `angle ${e.angle} vs ${theta}`);
      for (let i = 0; i < 12; i++) close(mahalanobis2(...ellipsePoint(e, i * 0.5), 0.5, 0.25, cov), k * k, 1e-9, `point ${i}`);
    }
  }
});

test('the share of Gaussian samples inside the k-σ ellipse is 1 − exp(−k²/2), and moments2 recovers Σ', () => {
  const rng = new Rng(11);
  const n = 20_000;
  const cov = { xx: 2, xy: 0.9, yy: 1 };
  // x = L ε with L the Cholesky factor of Σ
  const l11 = Math.sqrt(cov.xx);
  const l21 = cov.xy / l11;
  const l22 = Math.sqrt(cov.yy - l21 * l21);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  for (let i = 0; i < n; i++) {
    const a = normal();
    const b = normal();
    xs[i] = 3 + l11 * a;
    ys[i] = -1 + l21 * a + l22 * b;
  }
  for (const k of [1, 2]) {
    const p = massInsideEllipse(k);
    close(fractionInside(xs, ys, 3, -1, cov, k), p, 4 * Math.sqrt((p * (1 - p)) / n), `k = ${k}`);
  }
  close(massInsideEllipse(1), 0.3934693, 1e-6, 'χ²₂ CDF at 1');
  const m = moments2(xs, ys);
  close(m.mx, 3, 0.05, 'mean x');
  close(m.my, -1, 0.05, 'mean y');
  close(m.cov.xx, 2, 0.08, 'var x');
  close(m.cov.xy, 0.9, 0.06, 'cov xy');
  close(m.cov.yy, 1, 0.05, 'var y');
});
