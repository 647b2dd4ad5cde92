// A conditional VAE's panel in Chromium: the section appears only for a CVAE, draws one row per label (each column
// one z under every label), says whether the label is used, and its label choice makes the samples decode again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/engine/backend';
import { createModel } from '../../src/engine/models/registry';
import { trainVae } from '../../src/engine/train';
import { summaryOf } from '../../src/protocol/summary';
import { DEFAULT_TRAIN } from '../../src/shared/trainConfig';
import type { ModelConfig } from '../../src/shared/types';
import { syntheticDataset } from '../helpers/synthetic';
import { inkedPixels, post, setWeightsFile, withPage } from './harness';

test('a CVAE panel shows samples per label, the label verdict, and decodes the samples under the chosen label', { timeout: 180_000 }, async () => {
  await initBackend();
  const ds = syntheticDataset(96);
  const config: ModelConfig = { kind: 'mlp-vae', model: 'cvae', labels: ds.labelNames, inputShape: [8, 8, 1], hidden: [32], latentDim: 2, likelihood: 'bernoulli', decoderScale: 0.1 };
  const training = { ...DEFAULT_TRAIN, epochs: 8, batchSize: 16, learningRate: 5e-3 };
  const model = createModel(config, 3);
  const { epochs } = await trainVae(model, { train: ds, validation: null }, training);
  const values = model.weightValues();
  const specs = model.weightSpecs();
  setWeightsFile(Buffer.concat(specs.map((sp) => Buffer.from(values.get(sp.name)!.buffer))));
  model.dispose();
  const dataset = { root: 'synthetic', fingerprint: '', count: ds.count, trainCount: ds.count, validationCount: 0, height: 8, width: 8, channels: 1 as const, labelNames: ds.labelNames };
  const summary = summaryOf('/models/cvae', { status: 'completed', model: config, training, dataset });
  await withPage('', async ({ page, problems }) => {
    assert.equal(await page.locator('#cvae').isHidden(), true, 'hidden until a conditional model arrives');
    await post(page, { type: 'model', summary, epochs });
    await post(page, { type: 'decoder', source: { weightsUri: '/weights.bin', specs: specs.map((sp) => ({ name: sp.name, shape: sp.shape })) } });
    await page.waitForFunction(() => document.querySelectorAll('#cvae-rows span').length === 4);
    assert.equal(await page.locator('#cvae').isHidden(), false);
    assert.deepEqual(await page.locator('#cvae-label option').allTextContents(), ['c0', 'c1', 'c2', 'c3']);
    assert.ok((await inkedPixels(page, 'cvae-grid')) > 0, 'the grid is drawn');
    assert.match((await page.locator('#cvae-verdict').textContent()) ?? '', /^The (label changes the image|decoder is ignoring the label)/);
    assert.match((await page.locator('#facts').textContent()) ?? '', /Conditional VAE on 4 labels \(c0, c1, c2, c3\)/);
    // the samples decode under the chosen label: a different label, different pixels for the same z's
    await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
    const before = await page.evaluate(() => (document.getElementById('samples') as HTMLCanvasElement).toDataURL());
    await page.selectOption('#cvae-label', '3');
    await page.waitForFunction((b) => (document.getElementById('samples') as HTMLCanvasElement).toDataURL() !== b, before);
    assert.deepEqual(problems, []);
  });
});
