// The exact k-NN search and UMAP's transform placement (umap-learn's smooth_knn_dist + init_graph_transform),
// against brute force and closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../src/engine/backend';
import { nearestNeighbours } from '../../../src/engine/knn';
import { placeByNeighbours, smoothKnnDist } from '../../../src/engine/umapTransform';
import { seededSample, umapPlane } from '../../../src/training/latentMap';
import { Rng } from '../../../src/shared/rng';

function randomCodes(n: number, d: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * d }, () => rng.uniform(-2, 2));
}

test('k nearest neighbours in blocks equal a brute-force sort, with and without the query itself', async () => {
  await initBackend();
  const d = 5;
  const refs = randomCodes(300, d, 1);
  const queries = randomCodes(70, d, 2);
  const k = 7;
  const nb = (await nearestNeighbours(queries, 70, refs, 300, d, k, { blockRows: 16 }))!;
  for (let q = 0; q < 70; q++) {
    const dist = Array.from({ length: 300 }, (_, r) => [Math.hypot(...Array.from({ length: d }, (_, j) => queries[q * d + j] - refs[r * d + j])), r]).sort((a, b) => a[0] - b[0]);
    assert.deepEqual(Array.from(nb.indices.subarray(q * k, (q + 1) * k)), dist.slice(0, k).map((x) => x[1]), `query ${q}`);
    for (let j = 0; j < k; j++) assert.ok(Math.abs(nb.distances[q * k + j] - dist[j][0]) < 1e-4);
  }
  const self = (await nearestNeighbours(refs, 300, refs, 300, d, 3, { excludeSelf: true }))!;
  for (let q = 0; q < 300; q++) assert.ok(!Array.from(self.indices.subarray(q * 3, q * 3 + 3)).includes(q));
  const withSelf = (await nearestNeighbours(refs, 300, refs, 300, d, 3))!;
  for (let q = 0; q < 300; q++) assert.equal(withSelf.indices[q * 3], q, 'a point is its own nearest neighbour at distance 0');
});

test('k-NN stops when its block callback says so', async () => {
  await initBackend();
  const refs = randomCodes(100, 3, 3);
  let blocks = 0;
  const nb = await nearestNeighbours(refs, 100, refs, 100, 3, 4, { blockRows: 10, onBlock: () => ++blocks < 2 });
  assert.equal(nb, null);
  assert.equal(blocks, 2);
});

test('smooth_knn_dist: Σ_{j≥1} exp(−(d_j − ρ)/σ) = log₂ k, with ρ = 0 for transform and the nearest non-zero distance for fitting', () => {
  const distances = [0.5, 0.7, 1.1, 1.2, 2, 3.5, 4, 4.1];
  for (const lc of [0, 1] as const) {
    const { sigma, rho } = smoothKnnDist(distances, 1, lc);
    assert.equal(rho, lc === 1 ? 0.5 : 0);
    const sum = distances.slice(1).reduce((s, d) => s + Math.exp(-Math.max(0, d - rho) / sigma), 0);
    assert.ok(Math.abs(sum - Math.log2(distances.length)) < 1e-4, `Σ = ${sum}`);
  }
  // equal distances: every weight 1, σ kept above zero
  const flat = smoothKnnDist([1, 1, 1, 1], 1);
  assert.ok(flat.sigma > 0 && Number.isFinite(flat.sigma));
});

test('transform placement: a new point equal to a fitted one lands on it; otherwise the weighted mean of its neighbours', () => {
  const embedding = Float32Array.of(5, -2, 100, 100, -100, 100, 100, -100);
  const placed = placeByNeighbours({ k: 4, indices: Int32Array.of(0, 1, 2, 3), distances: Float32Array.of(0, 50, 50.5, 51) }, 1, embedding);
  assert.deepEqual(Array.from(placed), [5, -2]);
  // two neighbours: σ solves exp(−d₁/σ) = log₂ 2 = 1, so σ → ∞ and both weights → 1: the midpoint
  const two = placeByNeighbours({ k: 2, indices: Int32Array.of(0, 1), distances: Float32Array.of(1, 3) }, 1, Float32Array.of(0, 0, 4, 2));
  assert.ok(Math.abs(two[0] - 2) < 1e-3 && Math.abs(two[1] - 1) < 1e-3, `${two[0]}, ${two[1]}`);
  // the result is a convex combination: inside the neighbours' bounding box
  const nb = { k: 3, indices: Int32Array.of(1, 2, 3), distances: Float32Array.of(0.2, 0.9, 1.7) };
  const p = placeByNeighbours(nb, 1, embedding);
  const { sigma } = smoothKnnDist(nb.distances, 1);
  const w = Array.from(nb.distances, (d) => Math.exp(-d / sigma));
  const want = [0, 1].map((c) => w.reduce((s, wj, j) => s + wj * embedding[2 * nb.indices[j] + c], 0) / w.reduce((a, b) => a + b));
  assert.ok(Math.abs(p[0] - want[0]) < 1e-3 && Math.abs(p[1] - want[1]) < 1e-3, `${Array.from(p)} vs ${want}`);
  assert.ok(w[0] > w[1] && w[1] > w[2], 'nearer neighbours weigh more');
});

test('the UMAP sample is seeded: the same seed, the same sorted distinct indices', () => {
  const a = seededSample(1000, 50, 7);
  assert.deepEqual(Array.from(a), Array.from(seededSample(1000, 50, 7)));
  assert.notDeepEqual(Array.from(a), Array.from(seededSample(1000, 50, 8)));
  assert.equal(new Set(a).size, 50);
  assert.deepEqual(Array.from(a), Array.from(a).sort((x, y) => x - y));
});

test('UMAP on a seeded sample, the rest placed by transform: every placed code lands among the fitted codes of its own cluster', { timeout: 120_000 }, async () => {
  await initBackend();
  // three tight clusters in 8-D, 100 codes each; UMAP fitted on 60 of them
  const rng = new Rng(11);
  const n = 300;
  const d = 8;
  const cluster = (i: number) => i % 3;
  const codes = Float32Array.from({ length: n * d }, (_, k) => (k % d === cluster(Math.floor(k / d)) ? 10 : 0) + rng.uniform(-0.5, 0.5));
  const fit = seededSample(n, 60, 5);
  const stages = new Set<string>();
  const points = await umapPlane(codes, n, d, fit, 5, { progress: (p) => stages.add(p.stage) });
  assert.deepEqual([...stages].sort(), ['layout', 'neighbours', 'placing']);
  const inFit = new Set(fit);
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    if (inFit.has(i)) continue;
    let best = -1;
    let bestD = Infinity;
    for (const j of fit) {
      const dd = (points[2 * i] - points[2 * j]) ** 2 + (points[2 * i + 1] - points[2 * j + 1]) ** 2;
      if (dd < bestD) [best, bestD] = [j, dd];
    }
    if (cluster(best) !== cluster(i)) wrong++;
  }
  assert.equal(wrong, 0, `${wrong} of ${n - 60} placed codes sit nearest to another cluster's fitted code`);
  // the same seed gives the same map
  assert.deepEqual(Array.from(await umapPlane(codes, n, d, fit, 5, {})), Array.from(points));
});
