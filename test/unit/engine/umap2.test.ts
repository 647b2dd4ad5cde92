import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/shared/rng';
import { umap2 } from '../../../src/engine/umap2';
import { initBackend } from '../../../src/engine/backend';

test('UMAP keeps well-separated clusters of codes apart in 2-D, and is reproducible with a seed', async () => {
  // three tight clusters in 8-D, 40 codes each
  const rng = new Rng(5);
  const count = 120;
  const dim = 8;
  const codes = new Float32Array(count * dim);
  const cluster = (i: number) => Math.floor(i / 40);
  for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) codes[i * dim + j] = (j === cluster(i) ? 10 : 0) + rng.uniform(-0.5, 0.5);
  await initBackend();
  const a = (await umap2(codes, count, dim, { seed: 3 }))!;
  const b = (await umap2(codes, count, dim, { seed: 3 }))!;
  assert.deepEqual(Array.from(a), Array.from(b), 'same seed, same map');
  // every point's nearest neighbour in the map belongs to its own cluster
  let wrong = 0;
  for (let i = 0; i < count; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < count; k++) {
      if (k === i) continue;
      const d = (a[2 * i] - a[2 * k]) ** 2 + (a[2 * i + 1] - a[2 * k + 1]) ** 2;
      if (d < bestD) [best, bestD] = [k, d];
    }
    if (cluster(best) !== cluster(i)) wrong++;
  }
  assert.equal(wrong, 0, `${wrong} of ${count} points have a nearest neighbour from another cluster`);
});
