// Compute Metrics through the job channel: a panel's job process reports each step in order and replies with the
// report; a cancel stops it between steps with a "cancelled" outcome; a bad factors file fails before any work.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runJob } from '../../../src/extension/jobProcess';
import { ModelJob } from '../../../src/extension/modelJob';
import type { HandlerContext } from '../../../src/protocol/envelope';
import type { JobProgress } from '../../../src/protocol/job';
import { METRICS_STEPS } from '../../../src/protocol/metrics';
import { isUserError } from '../../../src/shared/userError';
import { jobHandlers } from '../../../src/worker/jobHandlers';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tinyJob } from './tinyJob';

const repo = resolve(__dirname, '../../..');
let data = '';
let modelDir = '';

before(async () => {
  data = writeTinyDataset(40);
  modelDir = join(tempDir('le-metricsjob-'), 'm');
  await runJob(repo, { type: 'train', job: tinyJob(data, modelDir, 2), previewCount: 0 }).reply;
});

test('a model job computes the metrics with progress for every step, in order, and the factors of a CSV', async () => {
  const csv = join(tempDir('le-metricsjob-'), 'factors.csv');
  writeFileSync(csv, ['path,side', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'right' : 'left'}/${i}.png,${i % 2 ? 'right' : 'left'}`)].join('\n'));
  const job = new ModelJob(repo, modelDir);
  const steps: string[] = [];
  try {
    const { reply } = job.metrics({ maxImages: 40, compareImages: 10, seed: 3, factorsFile: csv }, (p) => {
      if (p.type === 'metrics' && steps.at(-1) !== p.step) steps.push(p.step);
    });
    const outcome = await reply;
    assert.equal(outcome.cancelled, false);
    assert.deepEqual(steps, [...METRICS_STEPS]);
    const r = outcome.report!;
    assert.equal(r.nImages, 40);
    assert.equal(r.seed, 3);
    assert.equal(r.factors?.names[0], 'side');
    // the class is the side, and a 2-epoch model already separates the two halves of the image
    assert.ok(r.linearProbe!.accuracy >= 0.75, `probe ${r.linearProbe!.accuracy}`);
    assert.ok(r.sharpness.data > 0 && r.frechet!.distance >= 0);
  } finally {
    job.dispose();
  }
});

test('a cancel stops the metrics between steps; a factors file naming no image fails first, with its line', async () => {
  const h = jobHandlers(true);
  let seen = 0;
  const ctx: HandlerContext<JobProgress> = { progress: () => void seen++, cancelled: () => seen > 0 };
  const outcome = await h.metrics({ type: 'metrics', modelDir, maxImages: 40, compareImages: 10, seed: 1 }, ctx);
  assert.deepEqual(outcome, { report: null, cancelled: true });
  assert.equal(seen, 1, 'nothing after the step that saw the cancel');

  const csv = join(tempDir('le-metricsjob-'), 'bad.csv');
  writeFileSync(csv, 'file,side\nleft/0.png,left\nup/../nowhere.png,x\n');
  const quiet: HandlerContext<JobProgress> = { progress: () => assert.fail('no progress before the factors are read'), cancelled: () => false };
  await assert.rejects(async () => h.metrics({ type: 'metrics', modelDir, maxImages: 40, compareImages: 10, seed: 1, factorsFile: csv }, quiet), (err: unknown) => isUserError(err) && /bad\.csv line 3: "up\/\.\.\/nowhere\.png" is not an image/.test((err as Error).message));
});
