// The latentStats job request (label centroids, μ ranges, a Gaussian mixture of the μ's) through the job
// handlers on a tiny trained model: the figures fit together, K is BIC's or the user's, a refit reuses the μ's.
// Build first (the training runs in dist/worker.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { runJob } from '../../../src/extension/jobProcess';
import type { HandlerContext } from '../../../src/protocol/envelope';
import type { JobProgress } from '../../../src/protocol/job';
import { latentStatsSchema } from '../../../src/protocol/latentStats';
import { jobHandlers } from '../../../src/worker/jobHandlers';
import { ModelCache } from '../../../src/worker/modelCache';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tinyJob } from './tinyJob';

const repo = resolve(__dirname, '../../..');

test('latent statistics of a trained model: centroids per label inside the μ ranges, a BIC or a chosen mixture', { timeout: 120_000 }, async () => {
  const data = writeTinyDataset(40);
  const dir = join(tempDir('le-stats-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(data, dir, 2), previewCount: 0 }).reply;
  const cache = new ModelCache();
  const h = jobHandlers(true, cache);
  const ctx: HandlerContext<JobProgress> = { progress: () => undefined, cancelled: () => false };
  try {
    const byBic = await h.latentStats({ type: 'latentStats', modelDir: dir, components: 0 }, ctx);
    assert.equal(latentStatsSchema.check(byBic, 'stats'), null, 'the reply passes the page’s check');
    assert.equal(byBic.count, 40);
    assert.deepEqual(byBic.labelNames, ['left', 'right']);
    assert.equal(byBic.labelCounts.reduce((a, b) => a + b, 0), 40);
    assert.equal(byBic.chosenBy, 'bic');
    assert.equal(byBic.bics.length, 10);
    assert.equal(byBic.mixture.weights.length, byBic.bics.indexOf(Math.min(...byBic.bics)) + 1, 'the K of lowest BIC');
    for (const c of byBic.centroids) {
      assert.equal(c!.length, 3);
      c!.forEach((v, j) => assert.ok(v >= byBic.muMin[j] && v <= byBic.muMax[j], `centroid inside the range of z${j}`));
    }
    const chosen = await h.latentStats({ type: 'latentStats', modelDir: dir, components: 2 }, ctx);
    assert.equal(chosen.chosenBy, 'user');
    assert.equal(chosen.mixture.weights.length, 2);
    assert.deepEqual(chosen.centroids, byBic.centroids, 'the same μ’s');
    assert.deepEqual(await h.latentStats({ type: 'latentStats', modelDir: dir, components: 2 }, ctx), chosen, 'seeded: the same fit again');
    assert.equal(cache.decodes, 1, 'the dataset is decoded once');
    // the μ's are the cache's, shared with the nearest-neighbour search
    const mus = await (await cache.open(dir)).mus();
    assert.equal(mus.length, 40 * 3);
  } finally {
    cache.close();
  }
});
