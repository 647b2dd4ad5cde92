// The collapse verdict and the remedies on every variant (VAE-GAN and the PixelCNN decoder too), through the real
// jobs: each variant trains one epoch on the tiny folder; `eval --json` on the data states the verdict of shared/collapse.ts for the KL it measures, and the
// same images measured by evaluate() give the panel's numbers (the last epoch's validation split) exactly, so the
// verdicts agree; then each remedy that applies retrains the same variant, network, prior and flow with its one
// change, and the ones that do not apply are refused with the reason the panel gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runEval } from '../../../src/cli/evalCommand';
import { initBackend } from '../../../src/engine/backend';
import { evaluate } from '../../../src/engine/evaluate';
import { applyRemedy, REMEDY_NAMES } from '../../../src/protocol/remedies';
import { modelCollapseVerdict } from '../../../src/shared/collapse';
import { DEFAULT_TRAIN, type ModelConfig } from '../../../src/shared/types';
import { isUserError } from '../../../src/shared/userError';
import { readManifest } from '../../../src/store';
import { remedyJob } from '../../../src/training/remedies';
import { runTraining } from '../../../src/training/runTraining';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';

const VARIANTS: Record<string, Partial<ModelConfig>> = {
  vae: {},
  cvae: { model: 'cvae' },
  iwae: { model: 'iwae', iwaeK: 3 },
  conv: { net: 'conv' },
  mog: { prior: 'mog', priorComponents: 3 },
  vamp: { prior: 'vamp', priorComponents: 4 },
  planar: { flow: 'planar', flowSteps: 2 },
  iaf: { flow: 'iaf', flowSteps: 1 },
  vqvae: { model: 'vqvae', net: 'conv', codebookSize: 8, codeDim: 2 },
  vaegan: { model: 'vaegan', net: 'conv' },
  pixelcnn: { decoder: 'pixelcnn', likelihood: 'bernoulli' },
};

/** The fields that make a model the kind it is: a remedy must keep them all. */
const KIND = ['model', 'net', 'iwaeK', 'prior', 'priorComponents', 'flow', 'flowSteps', 'codebookSize', 'codeDim', 'gamma', 'decoder'] as const;

test('every variant: eval --json states the panel’s verdict, and each remedy that applies retrains the same kind of model', { timeout: 900_000 }, async () => {
  await initBackend();
  const data = writeTinyDataset(32);
  const root = tempDir('le-collapse-variants-');
  for (const [name, choices] of Object.entries(VARIANTS)) {
    const modelDir = join(root, name);
    let measured: { panel: number[]; evaluated: number[] } | null = null;
    const outcome = await runTraining(
      {
        datasetPath: data,
        modelDir,
        model: { hidden: [16], latentDim: 4, ...choices },
        train: { ...DEFAULT_TRAIN, epochs: 1, batchSize: 8, learningRate: 2e-3, seed: 3 },
        validationFraction: 0.25,
      },
      {
        async onEpoch(m, { split, model }) {
          const e = await evaluate(model, split.validation, { iwaeK: 0, batchSize: DEFAULT_TRAIN.batchSize });
          measured = { panel: m.validation!.klPerDim, evaluated: e.klPerDim };
        },
      },
    );
    assert.equal(outcome.status, 'completed', name);
    const config = outcome.model;
    const { panel, evaluated } = measured!;
    panel.forEach((v, i) => assert.ok(Math.abs(v - evaluated[i]) < 1e-5 * Math.max(1, Math.abs(v)), `${name}: KL of z${i} ${v} in the epoch, ${evaluated[i]} by evaluate`));
    const onPanel = modelCollapseVerdict(config, panel);

    const out: string[] = [];
    assert.equal(await runEval([modelDir, data, '--iwae-k', '0', '--json'], { out: (l) => out.push(l), err: () => {} }), 0);
    const ev = JSON.parse(out[0]);
    const fromEval = modelCollapseVerdict(config, ev.kl_per_dim);
    if (name === 'vqvae') {
      assert.equal(onPanel, null, 'the panel has no verdict for a VQ-VAE');
      assert.equal(ev.collapse.verdict, 'not_applicable');
      assert.match(ev.collapse.reason, /no Gaussian posterior/);
    } else {
      assert.ok(onPanel && fromEval);
      assert.equal(ev.collapse.verdict, fromEval.verdict, name);
      assert.deepEqual(ev.collapse.collapsed_dims, fromEval.collapsedDims, name);
      assert.equal(ev.collapse.measure, name === 'planar' || name === 'iaf' ? 'flow_base' : 'prior', name);
    }

    const manifest = await readManifest(modelDir);
    const last = manifest.epochs.at(-1)!;
    for (const remedy of REMEDY_NAMES) {
      const rule = applyRemedy({ model: manifest.model, training: manifest.training, activeUnits: (last.validation ?? last.train).activeUnits }, remedy);
      if ('refused' in rule) {
        assert.throws(() => remedyJob(modelDir, manifest, remedy, 'T'), (e: unknown) => isUserError(e) && (e as Error).message.includes(modelDir), `${name} ${remedy}`);
        continue;
      }
      assert.notEqual(name, 'vqvae', `${remedy} must not be offered for a VQ-VAE`);
      // one remedy per variant is retrained for real (the cheapest: a few of the five on the same tiny run)
      if (remedy !== REMEDY_NAMES[Object.keys(VARIANTS).indexOf(name) % REMEDY_NAMES.length] && remedy !== 'halveBeta') continue;
      const job = remedyJob(modelDir, manifest, remedy, 'T');
      const again = await runTraining(job);
      assert.equal(again.status, 'completed');
      const retrained = await readManifest(job.modelDir);
      for (const k of KIND) assert.equal(retrained.model[k], manifest.model[k], `${name} ${remedy}: ${k}`);
      const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
      assert.deepEqual(plain(retrained.model), plain({ ...rule.model, labels: retrained.model.labels }), `${name} ${remedy}: the model is the rule's`);
      assert.deepEqual(plain(retrained.training), plain({ ...retrained.training, ...rule.training }), `${name} ${remedy}: the training is the rule's`);
    }
  }
});
