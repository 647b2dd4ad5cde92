// A PixelCNN-decoder VAE's panel in Chromium: the page does not run the decoder and says why (samples,
// interpolation, traversal), and the section "Samples drawn pixel by pixel" asks the job for samples. The job's
// half is the real one (training/jobSamples.ts on the trained model, in this process): its progress after each
// row is posted as the host forwards it, the bar and the status follow, Cancel is offered while it runs, and the
// images it drew are shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/engine/backend';
import { createModel } from '../../src/engine/models/registry';
import { trainVae } from '../../src/engine/train';
import { summaryOf } from '../../src/protocol/summary';
import { DEFAULT_TRAIN } from '../../src/shared/trainConfig';
import type { ModelConfig } from '../../src/shared/types';
import { priorSamplesInJob } from '../../src/training/jobSamples';
import { syntheticDataset } from '../helpers/synthetic';
import { inkedPixels, post, setWeightsFile, withPage } from './harness';

type Posted = { type?: string; count?: number; temperature?: number; seed?: number };

test('a PixelCNN-decoder panel: samples come from the job with progress and Cancel; views needing a page decoder say why', { timeout: 480_000 }, async () => {
  await initBackend();
  const ds = syntheticDataset(48);
  const config: ModelConfig = { kind: 'mlp-vae', inputShape: [8, 8, 1], hidden: [16], latentDim: 4, likelihood: 'bernoulli', decoderScale: 0.1, decoder: 'pixelcnn' };
  const training = { ...DEFAULT_TRAIN, epochs: 1, batchSize: 16 };
  const model = createModel(config, 3);
  const { epochs } = await trainVae(model, { train: ds, validation: null }, training);
  const specs = model.weightSpecs();
  const values = model.weightValues();
  setWeightsFile(Buffer.concat(specs.map((sp) => Buffer.from(values.get(sp.name)!.buffer))));
  const dataset = { root: 'synthetic', fingerprint: '', count: ds.count, trainCount: ds.count, validationCount: 0, height: 8, width: 8, channels: 1 as const, labelNames: ds.labelNames };
  const summary = summaryOf('/models/pixelcnn', { status: 'completed', model: config, training, dataset });
  try {
    await withPage('', async ({ page, problems }) => {
      assert.equal(await page.locator('#job-samples').isHidden(), true, 'hidden until a PixelCNN-decoder model arrives');
      await post(page, { type: 'model', summary, epochs });
      await post(page, { type: 'decoder', source: { weightsUri: '/weights.bin', specs: specs.map((sp) => ({ name: sp.name, shape: sp.shape })) } });
      // the page refuses to run the decoder and each decoding view says why
      await page.waitForFunction(() => /cannot decode in this page: an autoregressive PixelCNN decoder/.test(document.getElementById('samples-note')!.textContent ?? ''));
      assert.equal(await page.locator('#job-samples').isHidden(), false);
      assert.match((await page.locator('#interp-note').textContent()) ?? '', /^Not available for a PixelCNN decoder/);
      assert.match((await page.locator('#trav-note').textContent()) ?? '', /^Not available for a PixelCNN decoder/);
      assert.match((await page.locator('#job-samples-note').textContent()) ?? '', /64 network passes per image/);
      // by keyboard: the button asks the host for samples at the samples section's temperature and seed
      assert.equal(await page.locator('#job-samples-cancel').isDisabled(), true);
      await page.locator('#job-samples-draw').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'requestJobSamples'));
      const request = (await page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted)).filter((m) => m.type === 'requestJobSamples').at(-1)!;
      assert.deepEqual([request.count, request.temperature, request.seed], [16, 1, 1]);
      assert.equal(await page.locator('#job-samples-draw').isDisabled(), true, 'one request at a time');
      assert.equal(await page.locator('#job-samples-cancel').isDisabled(), false);
      // the job draws them, its progress forwarded row by row as the host does
      const rows: number[] = [];
      let bar: string[] = [];
      const reply = await priorSamplesInJob(model, request.count!, request.temperature!, request.seed!, {
        onProgress: (done, total) => {
          rows.push(done);
          void post(page, { type: 'jobSamplesProgress', done, total });
        },
      });
      assert.deepEqual(rows, [8, 16, 24, 32, 40, 48, 56, 64]);
      await page.waitForFunction(() => (document.getElementById('job-samples-progress') as HTMLProgressElement).value === 64);
      bar = [await page.locator('#job-samples-status').textContent() ?? ''];
      assert.match(bar[0], /^Drawing: pixel 64 of 64/);
      assert.equal(reply.status, 'done');
      if (reply.status !== 'done') return;
      await post(page, { type: 'jobSamples', result: reply, problem: '' });
      await page.waitForFunction(() => /^16 samples drawn in/.test(document.getElementById('job-samples-status')!.textContent ?? ''));
      assert.ok((await inkedPixels(page, 'job-samples-canvas')) > 0, 'the samples are drawn');
      assert.equal(await page.locator('#job-samples-draw').isDisabled(), false);
      // Cancel: the page asks the host to stop; the host's "cancelled" keeps the samples and says so
      await page.click('#job-samples-draw');
      await page.click('#job-samples-cancel');
      await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'cancelJobSamples'));
      await post(page, { type: 'jobSamples', result: null, problem: 'cancelled' });
      await page.waitForFunction(() => document.getElementById('job-samples-status')!.textContent === 'No new samples: cancelled');
      assert.ok((await inkedPixels(page, 'job-samples-canvas')) > 0, 'the last samples stay');
      assert.deepEqual(problems.filter((p) => !/cannot decode|PixelCNN/.test(p)), []);
    });
  } finally {
    model.dispose();
  }
});
