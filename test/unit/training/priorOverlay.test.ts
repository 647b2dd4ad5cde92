// A learned prior's components on the latent map: each component mean is marked where the map's projection puts
// that point. Planted: one MoG component's mean set to an image's μ must land on that image's point under PCA,
// custom axes and UMAP; a VampPrior marks its pseudo-inputs' μ; N(0, I) marks nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../src/engine/backend';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import { posteriorMeans } from '../../../src/engine/posteriorMeans';
import type { MapSpec } from '../../../src/protocol/latentMap';
import { MOG_MEANS } from '../../../src/shared/priorFlowWeights';
import { latentMapOf } from '../../../src/training/latentMap';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';

test('a MoG component whose mean is an image’s μ is marked on that image’s point (PCA, custom axes) or beside it (UMAP)', async () => {
  await initBackend();
  const ds = syntheticDataset(40);
  const config = tinyConfig({ prior: 'mog', priorComponents: 3 });
  const start = createModel(config, 2);
  const mus = await posteriorMeans(start, ds);
  const values = start.weightValues();
  start.dispose();
  const d = config.latentDim;
  const planted = 7;
  values.get(MOG_MEANS)!.set(mus.subarray(planted * d, (planted + 1) * d), 1 * d);
  const model = modelFromWeights(config, values);
  const specs: MapSpec[] = [{ method: 'pca' }, { method: 'custom', axes: { x: [0, 3], y: null } }, { method: 'umap' }];
  for (const spec of specs) {
    const map = await latentMapOf(model, ds, spec, 1);
    assert.equal(map.overlay?.length, 3, spec.method);
    const mark = map.overlay![1];
    assert.match(mark.label, /^m2 \(π 0\.\d\d\)$/);
    const scale = Math.max(...Array.from(map.points, Math.abs));
    // linear projections: the same point; UMAP: placed by its neighbours (as the transform places any code), beside it
    const tol = spec.method === 'umap' ? 0.05 * scale : 1e-4 * scale;
    assert.ok(Math.hypot(mark.x - map.points[2 * planted], mark.y - map.points[2 * planted + 1]) < tol, `${spec.method}: (${mark.x}, ${mark.y}) vs (${map.points[2 * planted]}, ${map.points[2 * planted + 1]})`);
    // the unplanted components are somewhere else
    assert.ok(map.overlay!.some((m, k) => k !== 1 && (m.x !== mark.x || m.y !== mark.y)), spec.method);
  }
  model.dispose();
});

test('a VampPrior marks its K pseudo-inputs; the standard prior marks nothing', async () => {
  await initBackend();
  const ds = syntheticDataset(24);
  const vamp = createModel(tinyConfig({ prior: 'vamp', priorComponents: 4 }), 3);
  const map = await latentMapOf(vamp, ds, { method: 'pca' }, 1);
  assert.deepEqual(map.overlay?.map((m) => m.label.split(' ')[0]), ['u1', 'u2', 'u3', 'u4']);
  assert.ok(map.overlay!.every((m) => Number.isFinite(m.x) && Number.isFinite(m.y)));
  vamp.dispose();
  const plain = createModel(tinyConfig(), 3);
  assert.equal((await latentMapOf(plain, ds, { method: 'pca' }, 1)).overlay, undefined);
  plain.dispose();
});
