// A VQ-VAE run's last phase fits the autoregressive prior over its code grids and saves it with the model: the
// manifest names it (model.codePrior 'ar' and the fit's figures) and the weights file holds it; the model loads
// back and samples from it. A run with --vq-prior uniform (like a model saved before the prior existed) has
// neither and samples the uniform prior. A manifest that claims one without the other is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../../../src/engine/backend';
import type { VqVae } from '../../../src/engine/models/vqvae/vqvae';
import { CODE_PRIOR_WEIGHTS, uniformGridNll } from '../../../src/shared/codePrior';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';
import { loadModel } from '../../../src/store';
import { validateManifest } from '../../../src/store/manifest';
import { runTraining } from '../../../src/training/runTraining';
import { tempDir } from '../../helpers/tempDir';

const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';
const TRAIN = { ...DEFAULT_TRAIN, epochs: 1, batchSize: 64, seed: 3 };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
}

test('a VQ-VAE run fits the autoregressive prior last, saves it with the model, and the loaded model samples from it', async () => {
  await initBackend();
  const modelDir = join(tempDir('le-vqprior-'), 'model');
  const priorEpochs: number[] = [];
  const outcome = await runTraining(
    {
      datasetPath: FASHION,
      modelDir,
      model: { model: 'vqvae', codebookSize: 16, codeDim: 8, codePriorHidden: 32, codePriorEpochs: 2 },
      train: TRAIN,
      load: { limit: 300 },
      validationFraction: 0.2,
    },
    { onCodePriorEpoch: (p) => void priorEpochs.push(p.epoch) },
  );
  assert.equal(outcome.status, 'completed');
  assert.deepEqual(priorEpochs, [1, 2]);
  assert.equal(outcome.model.codePrior, 'ar');
  const file = join(modelDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const fit = manifest.codePrior;
  assert.equal(fit.testSplit, 'validation');
  assert.equal(fit.testGrids, 60);
  assert.equal(fit.trainGrids, 240);
  assert.ok(Math.abs(fit.uniformNll - uniformGridNll(49, 16)) < 1e-9);
  assert.ok(fit.arNll > 0 && fit.unigramNll > 0 && fit.unigramNll <= fit.uniformNll + 1e-6, JSON.stringify(fit));
  assert.deepEqual(manifest.weights.specs.slice(-4).map((s: { name: string }) => s.name), Object.values(CODE_PRIOR_WEIGHTS));

  const { model } = await loadModel(modelDir);
  try {
    const vq = model as VqVae;
    const prior = vq.codePrior();
    assert.ok(prior, 'the loaded model has its prior');
    assert.equal(prior.hidden, 32);
    const a = vq.sampleCodes(4, 5, 1);
    assert.deepEqual(a, vq.sampleCodes(4, 5, 1), 'the same seed draws the same grids');
    assert.equal(a.length, 4 * 49);
    assert.ok(a.every((c) => c >= 0 && c < 16));
  } finally {
    model.dispose();
  }

  // the manifest must not claim a prior its model has not, nor lose the fit of the one it has
  const { codePrior: _fit, ...withoutFit } = manifest;
  assert.match(refusal(() => validateManifest(withoutFit, file)), /"codePrior" must be an object/);
  const uniformModel = { ...manifest, model: { ...manifest.model, codePrior: 'uniform' } };
  assert.match(refusal(() => validateManifest(uniformModel, file)), /"weights\.specs" lists 17 weights; the architecture needs 13/);
  assert.match(refusal(() => validateManifest({ ...manifest, codePrior: { ...fit, arNll: -1 } }, file)), /codePrior\.arNll/);
  writeFileSync(file, JSON.stringify({ ...manifest, codePrior: { ...fit, testSplit: 'elsewhere' } }));
  await assert.rejects(loadModel(modelDir), /codePrior\.testSplit/);
});

test('with --vq-prior uniform (as in models saved before the prior) the model has no prior weights and samples every cell uniformly', async () => {
  await initBackend();
  const modelDir = join(tempDir('le-vqprior-'), 'model');
  const outcome = await runTraining({
    datasetPath: FASHION,
    modelDir,
    model: { model: 'vqvae', codebookSize: 16, codeDim: 8, codePrior: 'uniform' },
    train: TRAIN,
    load: { limit: 200 },
    validationFraction: 0.1,
  });
  assert.equal(outcome.model.codePrior, 'uniform');
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.codePrior, undefined);
  assert.ok(!manifest.weights.specs.some((s: { name: string }) => s.name.startsWith('vq_prior/')));
  const fit = { epochs: 1, trainGrids: 180, testGrids: 20, testSplit: 'validation', arNll: 1, unigramNll: 2, uniformNll: 3, seconds: 1 };
  assert.match(refusal(() => validateManifest({ ...manifest, codePrior: fit }, 'm.json')), /"codePrior" describes an autoregressive prior the model/);
  const { model } = await loadModel(modelDir);
  try {
    const vq = model as VqVae;
    assert.equal(vq.codePrior(), null);
    // uniform: over 200 grids every one of the 16 codes appears, each near 1/16 of the cells
    const codes = vq.sampleCodes(200, 1, 1);
    const counts = new Array(16).fill(0);
    for (const c of codes) counts[c]++;
    for (const n of counts) assert.ok(Math.abs(n / codes.length - 1 / 16) < 0.02, counts.join(','));
  } finally {
    model.dispose();
  }
});
