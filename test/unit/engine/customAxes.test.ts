// The custom projection (x between two labels' centroids, y along another pair or PCA of the rest): unit,
// orthogonal axes, and coordinates that are projections onto them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customPlane, labelAxis, labelCentroids } from '../../../src/engine/customAxes';
import { Rng } from '../../../src/shared/rng';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, j) => s + v * b[j], 0);

function data() {
  // three labels around (0,0,0), (4,0,0), (0,0,3) in 3-D, with noise, plus variance along y (16/3, above z's 2)
  const rng = new Rng(4);
  const centres = [[0, 0, 0], [4, 0, 0], [0, 0, 3]];
  const n = 300;
  const codes = new Float32Array(n * 3);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let j = 0; j < 3; j++) codes[i * 3 + j] = centres[i % 3][j] + rng.uniform(-0.2, 0.2) + (j === 1 ? rng.uniform(-4, 4) : 0);
  }
  return { codes, labels, n };
}

test('label centroids are the means per label, and the axis between two is their unit difference', () => {
  const { codes, labels } = data();
  const c = labelCentroids(codes, labels, 3, 3);
  assert.ok(Math.abs(c[1][0] - 4) < 0.2 && Math.abs(c[2][2] - 3) < 0.2);
  const u = labelAxis(c, 0, 1)!;
  assert.ok(Math.abs(Math.hypot(...u) - 1) < 1e-12);
  assert.ok(u[0] > 0.97, 'label 0 → label 1 points along x');
  assert.equal(labelAxis(c, 1, 1), null, 'no axis from a centroid to itself');
});

test('x is the projection on the label axis, y PCA of the remainder (orthogonal), and the plane inverts', () => {
  const { codes, labels, n } = data();
  const c = labelCentroids(codes, labels, 3, 3);
  const u = labelAxis(c, 0, 1)!;
  const plane = customPlane(codes, n, 3, u, 'pca');
  const [e1, e2] = plane.components;
  assert.ok(Math.abs(dot(e1, e2)) < 1e-9, 'orthogonal');
  assert.ok(Math.abs(Math.hypot(...e2) - 1) < 1e-9, 'unit');
  // the largest variance left after x is along the data's y (uniform ±4)
  assert.ok(Math.abs(e2[1]) > 0.95, `y axis ${Array.from(e2)}`);
  for (const i of [0, 1, 2, 150]) {
    const centred = [0, 1, 2].map((j) => codes[i * 3 + j] - plane.mean[j]);
    assert.ok(Math.abs(plane.projected[2 * i] - dot(centred, e1)) < 1e-5);
    assert.ok(Math.abs(plane.projected[2 * i + 1] - dot(centred, e2)) < 1e-5);
  }
  // the centroids' difference along x is their distance
  const dx = (k: number) => dot(c[k].map((v, j) => v - plane.mean[j]), e1);
  assert.ok(Math.abs(dx(1) - dx(0) - Math.hypot(...c[1].map((v, j) => v - c[0][j]))) < 1e-9);
});

test('a second label pair for y is made orthogonal to x (Gram–Schmidt)', () => {
  const { codes, labels, n } = data();
  const c = labelCentroids(codes, labels, 3, 3);
  const u = labelAxis(c, 0, 1)!;
  const v = labelAxis(c, 1, 2)!;
  const plane = customPlane(codes, n, 3, u, v);
  assert.ok(Math.abs(dot(plane.components[0], plane.components[1])) < 1e-12);
  assert.ok(dot(plane.components[1], v) > 0, 'y still points from label 1 towards label 2');
});
