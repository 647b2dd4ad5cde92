// Sharpness, the matrix square root and the Fréchet distance against closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { laplacianVariance, sharpness } from '../../../../src/engine/metrics/sharpness';
import { frechetDistance, frechetDistanceGaussians } from '../../../../src/engine/metrics/frechet';
import { matMul, sqrtPsd, symmetricEigen } from '../../../../src/engine/metrics/linalg';
import { Rng } from '../../../../src/shared/rng';

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('sharpness: 0 for a constant image, 16·a² for a checkerboard of amplitude a', () => {
  assert.equal(laplacianVariance(new Float32Array(8 * 8).fill(0.7), 8, 8, 1), 0);
  // interior Laplacian of a 0/a checkerboard is ±4a, half each (6 × 6 interior): mean 0, variance 16a²
  const a = 0.5;
  const board = Float32Array.from({ length: 8 * 8 }, (_, i) => (((i >> 3) + (i & 7)) % 2) * a);
  close(laplacianVariance(board, 8, 8, 1), 16 * a * a, 1e-12, 'checkerboard');
  // colour: the mean of the channels; two images: the mean of their variances
  const rgb = new Float32Array(8 * 8 * 3);
  board.forEach((v, i) => rgb.fill(v, i * 3, i * 3 + 3));
  const two = new Float32Array(2 * 8 * 8 * 3);
  two.set(rgb);
  close(sharpness(two, 2, 8, 8, 3), 8 * a * a, 1e-12, 'mean over a checkerboard and a black image');
});

test('the PSD square root squares back to the matrix; eigenvalues of a known matrix', () => {
  const rng = new Rng(4);
  const d = 6;
  const b = Float64Array.from({ length: d * d }, () => rng.next() - 0.5);
  const bt = Float64Array.from({ length: d * d }, (_, q) => b[(q % d) * d + Math.floor(q / d)]);
  const a = matMul(b, bt, d); // B Bᵀ: symmetric positive semi-definite
  const s = sqrtPsd(a, d);
  const back = matMul(s, s, d);
  for (let q = 0; q < d * d; q++) close(back[q], a[q], 1e-10, `(S S)[${q}]`);
  const { values } = symmetricEigen([2, 1, 1, 2], 2);
  assert.deepEqual([...values].sort().map((v) => Math.round(v * 1e12) / 1e12), [1, 3]);
});

test('Fréchet distance: 0 for identical sets; the closed form of two Gaussians', () => {
  const rng = new Rng(5);
  const n = 50;
  const d = 3;
  const x = Float64Array.from({ length: n * d }, () => rng.next());
  close(frechetDistance(x, n, x, n, d), 0, 1e-9, 'identical sets');
  // diagonal covariances: d² = ‖Δμ‖² + Σ (σ₁ − σ₂)²
  const m1 = [0, 1];
  const m2 = [3, -1];
  const c1 = [4, 0, 0, 1];
  const c2 = [1, 0, 0, 9];
  close(frechetDistanceGaussians(m1, c1, m2, c2, 2), 9 + 4 + (2 - 1) ** 2 + (1 - 3) ** 2, 1e-9, 'diagonal');
  // commuting non-diagonal covariances: c2 = 4 c1 → tr(c1 + 4c1 − 2·2c1) = tr(c1)
  const c = [2, 0.8, 0.8, 1];
  close(frechetDistanceGaussians([0, 0], c, [0, 0], c.map((v) => 4 * v), 2), 3, 1e-9, 'scaled covariance');
});
