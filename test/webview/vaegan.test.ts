// A VAE-GAN's panel in Chromium: the Adversarial training section appears only for a VAE-GAN, draws the
// discriminator's and generator's losses with a table, and states the sharpness of samples and reconstructions
// against the data's (the overview says the same); the samples and reconstructions views state the sharpness of
// what they drew, checked against the same measure in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryOf } from '../../src/protocol/summary';
import { sharpnessOfBytes } from '../../src/shared/sharpness';
import type { ModelConfig } from '../../src/shared/types';
import { inkedPixels, post, withPage } from './harness';
import { trainVariantForPage } from './variantPanel';

test('a VAE-GAN panel: D and G losses per epoch, sharpness of samples and reconstructions against the data, in the overview too', { timeout: 480_000 }, async () => {
  const config: ModelConfig = { kind: 'mlp-vae', net: 'conv', model: 'vaegan', inputShape: [28, 28, 1], hidden: [64], latentDim: 8, likelihood: 'bernoulli', decoderScale: 0.1, gamma: 0.1 };
  const { epochs, preview, specs, summary } = await trainVariantForPage('/models/vaegan', config, { limit: 160, learningRate: 1e-3 });
  const s = epochs.at(-1)!.gan!.sharpness!;
  const figures = [s.samples, s.reconstructions, s.data].map((v) => v.toFixed(4));
  await withPage('', async ({ page, problems }) => {
    assert.equal(await page.locator('#gan').isHidden(), true, 'hidden until a VAE-GAN arrives');
    await post(page, { type: 'model', summary, epochs });
    await post(page, { type: 'preview', preview });
    await post(page, { type: 'decoder', source: { weightsUri: '/weights.bin', specs: specs.map((sp) => ({ name: sp.name, shape: sp.shape })) } });
    // the page is busy loading tfjs and decoding under load: generous bounds on conditions, no sleeps
    await page.waitForFunction(() => !document.getElementById('gan')!.hidden, undefined, { timeout: 180_000 });
    assert.ok((await inkedPixels(page, 'gan-loss')) > 200, 'the losses are drawn');
    const rows = await page.$$eval('#gan-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td,th')].map((c) => c.textContent)));
    assert.equal(rows.length, 2, 'one row per epoch');
    const g = epochs[1].gan!;
    assert.deepEqual(rows[1].slice(0, 4), ['2', g.discriminator.toFixed(2), g.generator.toFixed(2), g.featureMatching.toFixed(2)]);
    assert.deepEqual(rows[1].slice(6), figures);
    const stated = (await page.textContent('#gan-sharpness')) ?? '';
    assert.equal(stated, `Sharpness (variance of the Laplacian, higher is sharper) after epoch 2: prior samples ${figures[0]}, reconstructions ${figures[1]}, the same ${s.nImages} training images ${figures[2]}.`);
    const overview = await page.$$eval('#facts dt', (dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    assert.deepEqual(overview.find(([term]) => term === 'Sharpness'), ['Sharpness', stated]);
    assert.match(overview.find(([term]) => term === 'Model')![1]!, /^VAE-GAN \(Larsen et al\. 2016\).*γ = 0\.1/);
    // the views that drew images say how sharp they are: the reconstructions exactly (the job's pixels), the
    // samples beside the previewed data once the page has decoded them
    const recon = (await page.textContent('#recon-note')) ?? '';
    const of = (p: Uint8Array) => sharpnessOfBytes(p, preview.count, 28, 28, 1).toFixed(4);
    assert.ok(recon.endsWith(`Sharpness (variance of the Laplacian): inputs ${of(preview.originals)}, reconstructions ${of(preview.reconstructions)}.`), recon);
    await page.waitForFunction(() => /prior samples \d/.test(document.getElementById('samples-sharpness')!.textContent ?? ''), undefined, { timeout: 180_000 });
    assert.match((await page.textContent('#samples-sharpness')) ?? '', new RegExp(`these 32 prior samples \\d\\.\\d{4}; the 8 dataset images under Reconstructions ${of(preview.originals)}\\.$`));
    assert.deepEqual(problems, []);
  });
});

test('a plain VAE’s panel keeps the Adversarial training section hidden and has no sharpness fact', { timeout: 240_000 }, async () => {
  const config: ModelConfig = { kind: 'mlp-vae', inputShape: [28, 28, 1], hidden: [16], latentDim: 4, likelihood: 'bernoulli', decoderScale: 0.1 };
  const training = { epochs: 1, batchSize: 64, learningRate: 1e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 };
  const dataset = { root: 'x', fingerprint: '', count: 10, trainCount: 9, validationCount: 1, height: 28, width: 28, channels: 1 as const, labelNames: [] };
  const split = { negElbo: 300, recon: 290, kl: 10, klPerDim: [4, 3, 2, 1], activeUnits: 4 };
  const epochs = [{ epoch: 1, beta: 1, train: split, validation: null, seconds: 1, samplesPerSec: 10 }];
  await withPage('', async ({ page, problems }) => {
    await post(page, { type: 'model', summary: summaryOf('/models/plain', { status: 'completed', model: config, training, dataset }), epochs });
    await page.waitForFunction(() => (document.getElementById('facts')!.textContent ?? '').includes('VAE, trained on the ELBO'), undefined, { timeout: 180_000 });
    assert.equal(await page.locator('#gan').isHidden(), true);
    const terms = await page.$$eval('#facts dt', (dts) => dts.map((dt) => dt.textContent));
    assert.ok(!terms.includes('Sharpness'), terms.join(', '));
    assert.deepEqual(problems, []);
  });
});
