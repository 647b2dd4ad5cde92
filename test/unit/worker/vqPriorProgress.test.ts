// A VQ-VAE run's last phase, the autoregressive prior over code grids, as the extension drives it: in a job
// process of its own (dist/worker.js through runJob). Its fit reports progress on the training channel (epoch 0
// as it starts, then every epoch with its loss), after the last epoch's report, and a cancel during it keeps the
// trained VQ-VAE whole with the uniform prior, and says so in the outcome. Build first: the job process is the bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runJob } from '../../../src/extension/jobProcess';
import { initBackend } from '../../../src/engine/backend';
import type { VqVae } from '../../../src/engine/models/vqvae/vqvae';
import type { JobProgress } from '../../../src/protocol/job';
import type { TrainingJob } from '../../../src/protocol/trainingJob';
import { loadModel } from '../../../src/store/modelStore';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tinyJob } from './tinyJob';

const repo = resolve(__dirname, '../../..');

/** A VQ-VAE on 8×8 images: one conv stage to a 4×4 grid, K = 8 codes of D = 4; the prior a 16-unit MADE. */
function vqJob(data: string, modelDir: string, priorEpochs: number): TrainingJob {
  const job = tinyJob(data, modelDir, 1);
  return { ...job, model: { model: 'vqvae', codebookSize: 8, codeDim: 4, codePriorHidden: 16, codePriorEpochs: priorEpochs }, train: { ...job.train, batchSize: 8 } };
}

test('the code prior reports its fit after the last epoch: epoch 0 as it starts, then each epoch with a finite loss', async () => {
  const data = writeTinyDataset(40);
  const modelDir = join(tempDir('le-vqprogress-'), 'm');
  const seen: JobProgress[] = [];
  const outcome = await runJob(repo, { type: 'train', job: vqJob(data, modelDir, 3), previewCount: 0 }, (p) => void seen.push(p)).reply;
  assert.equal(outcome.status, 'completed');
  assert.equal(outcome.codePrior, 'fitted');
  const prior = seen.filter((p): p is Extract<JobProgress, { type: 'codePrior' }> => p.type === 'codePrior');
  assert.deepEqual(prior.map((p) => [p.epoch, p.epochs]), [[0, 3], [1, 3], [2, 3], [3, 3]]);
  assert.equal(prior[0].trainNll, null);
  // −log p(c) of a 16-cell grid: above 0, below the uniform prior's 16 · log 8 (the bias starts at the unigram)
  for (const p of prior.slice(1)) assert.ok(p.trainNll !== null && p.trainNll > 0 && p.trainNll < 16 * Math.log(8), String(p.trainNll));
  const lastEpoch = seen.map((p) => p.type).lastIndexOf('epoch');
  assert.ok(lastEpoch >= 0 && lastEpoch < seen.indexOf(prior[0]), 'the prior is fitted after the last epoch');
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.model.codePrior, 'ar');
  assert.equal(manifest.codePrior.epochs, 3);
});

test('a cancel during the code prior’s fit stops it within a batch and keeps the trained VQ-VAE with the uniform prior', async () => {
  await initBackend();
  const data = writeTinyDataset(40);
  const modelDir = join(tempDir('le-vqprogress-'), 'm');
  const epochs: number[] = [];
  // 1000 prior epochs (the most the validator allows): without the cancel the run would report all of them
  const run = runJob(repo, { type: 'train', job: vqJob(data, modelDir, 1000), previewCount: 0 }, (p) => {
    if (p.type !== 'codePrior' || p.epoch === 0) return;
    epochs.push(p.epoch);
    if (p.epoch === 1) run.cancel();
  });
  const outcome = await run.reply;
  // the VQ-VAE's epochs completed; only the prior was stopped, and the outcome says which
  assert.equal(outcome.status, 'completed');
  assert.equal(outcome.codePrior, 'cancelled');
  assert.equal(outcome.model.codePrior, undefined);
  assert.ok(epochs.length >= 1 && epochs.length < 1000, `${epochs.length} prior epochs reported`);
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.status, 'completed');
  assert.equal(manifest.epochs.length, 1);
  assert.equal(manifest.codePrior, undefined, 'no fit is claimed');
  assert.equal(manifest.model.codePrior, undefined);
  assert.ok(!manifest.weights.specs.some((s: { name: string }) => s.name.startsWith('vq_prior/')), 'no prior weights were written');
  const { model } = await loadModel(modelDir);
  try {
    assert.equal((model as VqVae).codePrior(), null, 'the saved model samples the uniform prior');
  } finally {
    model.dispose();
  }
});
