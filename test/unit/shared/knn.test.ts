// The k-NN inspector's maths against hand-computed cases: Euclidean and cosine distances, ties broken by index,
// zero vectors under cosine, the query's own row left out, and k larger than the dataset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cosineDistance, euclideanDistance, nearestNeighbours } from '../../../src/shared/knn';

const rows = (...r: number[][]) => Float32Array.from(r.flat());

test('Euclidean distance is √Σ(a−b)² (a 3-4-5 triangle) and cosine distance is 1 − cos θ', () => {
  const codes = rows([3, 4], [0, 0], [1, 0], [0, 2], [-2, 0]);
  assert.equal(euclideanDistance(codes, 0, [0, 0], 2), 5);
  assert.equal(euclideanDistance(codes, 2, [1, 0], 2), 0);
  assert.ok(Math.abs(cosineDistance(codes, 2, [1, 0], 2)) < 1e-12, 'same direction: 0');
  assert.ok(Math.abs(cosineDistance(codes, 3, [1, 0], 2) - 1) < 1e-12, 'orthogonal: 1');
  assert.ok(Math.abs(cosineDistance(codes, 4, [1, 0], 2) - 2) < 1e-12, 'opposite: 2');
  assert.ok(Math.abs(cosineDistance(codes, 0, [1, 0], 2) - (1 - 3 / 5)) < 1e-7, 'cos θ = 3/5');
});

test('cosine distance is scale-free: a long vector in the query direction is nearer than a short one beside it', () => {
  const codes = rows([10, 0.1], [0.5, 0.5]);
  assert.deepEqual(nearestNeighbours(codes, 2, [1, 0], 2, 'cosine').map((n) => n.index), [0, 1]);
  assert.deepEqual(nearestNeighbours(codes, 2, [1, 0], 2, 'euclidean').map((n) => n.index), [1, 0]);
});

test('a zero vector has cosine distance 1 to everything (itself included), never NaN', () => {
  const codes = rows([0, 0, 0], [1, 2, 3], [-1, -2, -3]);
  assert.equal(cosineDistance(codes, 0, [1, 2, 3], 3), 1);
  assert.equal(cosineDistance(codes, 1, [0, 0, 0], 3), 1);
  assert.equal(cosineDistance(codes, 0, [0, 0, 0], 3), 1);
  const fromZero = nearestNeighbours(codes, 3, [0, 0, 0], 3, 'cosine');
  assert.deepEqual(fromZero, [{ index: 0, distance: 1 }, { index: 1, distance: 1 }, { index: 2, distance: 1 }], 'all tie at 1, in index order');
  const toward = nearestNeighbours(codes, 3, [1, 2, 3], 3, 'cosine');
  assert.deepEqual(toward.map((n) => n.index), [1, 0, 2], 'same direction 0, the zero vector 1, the opposite 2');
});

test('ties are broken by the lower index, whatever the scan order, and the k-th place goes to the first of a tie', () => {
  // four points at distance 1 from the origin, one at 2, one at 0.5
  const codes = rows([0, 1], [2, 0], [1, 0], [0, -1], [-1, 0], [0.5, 0]);
  const nn = nearestNeighbours(codes, 2, [0, 0], 3, 'euclidean');
  assert.deepEqual(nn, [{ index: 5, distance: 0.5 }, { index: 0, distance: 1 }, { index: 2, distance: 1 }]);
  const all = nearestNeighbours(codes, 2, [0, 0], 10, 'euclidean');
  assert.deepEqual(all.map((n) => n.index), [5, 0, 2, 3, 4, 1], 'k beyond N gives every row, sorted');
});

test('the query row itself is excluded, duplicates of it are not; k = 0 gives nothing', () => {
  const codes = rows([1, 1], [1, 1], [5, 5], [2, 2]);
  const nn = nearestNeighbours(codes, 2, codes.subarray(0, 2), 2, 'euclidean', 0);
  assert.deepEqual(nn.map((n) => n.index), [1, 3]);
  assert.equal(nn[0].distance, 0, 'an identical image is at distance 0');
  assert.deepEqual(nearestNeighbours(codes, 2, [0, 0], 0, 'euclidean'), []);
});

test('agrees with a brute-force sort on random codes, for both metrics', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const [n, d] = [500, 6];
  const codes = Float32Array.from({ length: n * d }, rand);
  const q = Float32Array.from({ length: d }, rand);
  for (const metric of ['euclidean', 'cosine'] as const) {
    const dist = (i: number) => (metric === 'cosine' ? cosineDistance(codes, i, q, d) : euclideanDistance(codes, i, q, d));
    const expected = Array.from({ length: n }, (_, i) => ({ index: i, distance: dist(i) }))
      .sort((a, b) => a.distance - b.distance || a.index - b.index)
      .slice(0, 12);
    assert.deepEqual(nearestNeighbours(codes, d, q, 12, metric), expected, metric);
  }
});

test('refuses codes that are not rows of d and a query of another length', () => {
  assert.throws(() => nearestNeighbours(new Float32Array(5), 2, [0, 0], 1, 'euclidean'), /not rows of 2/);
  assert.throws(() => nearestNeighbours(new Float32Array(4), 2, [0, 0, 0], 1, 'euclidean'), /query has 3/);
});
