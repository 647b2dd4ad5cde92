// A VQ-VAE's panel in Chromium: the Codebook section appears only for a VQ-VAE, draws the usage histogram (dead
// codes listed) and the perplexity table, encodes an image to its code grid in the page, and a cell swapped by
// keyboard decodes to a different image; samples come from the uniform prior over codes, and the views that
// assume a Gaussian posterior (KL per dimension, traversals) say they do not apply instead of drawing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vqLatentDim } from '../../src/shared/architecture';
import type { ModelConfig } from '../../src/shared/types';
import { inkedPixels, post, withPage } from './harness';
import { trainVariantForPage } from './variantPanel';

test('a VQ-VAE panel: codebook usage and perplexity, an editable code grid decoded in the page, uniform-prior samples, Gaussian-only views marked not applicable', { timeout: 480_000 }, async () => {
  const config: ModelConfig = {
    kind: 'mlp-vae', net: 'conv', model: 'vqvae', inputShape: [28, 28, 1], hidden: [], likelihood: 'bernoulli', decoderScale: 0.1,
    codebookSize: 32, codeDim: 8, commitment: 0.25, ema: false, latentDim: vqLatentDim([28, 28, 1], 8),
  };
  const { epochs, preview, specs, summary } = await trainVariantForPage('/models/vq', config, { limit: 300, learningRate: 2e-3 });
  await withPage('', async ({ page, problems }) => {
    assert.equal(await page.locator('#vq').isHidden(), true, 'hidden until a VQ-VAE arrives');
    await post(page, { type: 'model', summary, epochs });
    await post(page, { type: 'preview', preview });
    await post(page, { type: 'decoder', source: { weightsUri: '/weights.bin', specs: specs.map((sp) => ({ name: sp.name, shape: sp.shape })) } });
    // tfjs's cpu backend decodes the conv samples in the page first (headless Chromium has no WebGL): ~20 s under load
    await page.waitForFunction(() => document.querySelectorAll('#vq-grid button').length === 49, undefined, { timeout: 180_000 });
    assert.equal(await page.locator('#vq').isHidden(), false);
    // usage: the histogram is drawn and the text names the used count, the perplexity and the dead codes
    assert.ok((await inkedPixels(page, 'vq-hist')) > 0, 'the histogram is drawn');
    const last = epochs.at(-1)!.codebook!;
    const usage = (await page.locator('#vq-usage').textContent()) ?? '';
    assert.match(usage, new RegExp(`^${last.used} of 32 codes used, perplexity ${last.perplexity.toFixed(1)}; dead codes: `));
    assert.equal(await page.locator('#vq-table tbody tr').count(), 2, 'one row per epoch');
    // the grid: each cell a button labelled with its code; hovering shows it
    const first = page.locator('#vq-grid button').first();
    const code = Number(await first.textContent());
    assert.match((await first.getAttribute('aria-label')) ?? '', new RegExp(`^row 1, column 1: code ${code}$`));
    await page.locator('#vq-grid button').nth(24).hover();
    assert.match((await page.locator('#vq-cell').textContent()) ?? '', /^row 4, column 4: code \d+$/);
    assert.ok((await inkedPixels(page, 'vq-decoded')) > 0, 'the encoded grid is decoded');
    // swap every cell of the first row for another code by keyboard: Tab to a cell, Enter; the decoded image changes
    const before = await page.evaluate(() => (document.getElementById('vq-decoded') as HTMLCanvasElement).toDataURL());
    await page.fill('#vq-swap', String((code + 1) % 32));
    for (let i = 0; i < 7; i++) {
      await page.locator('#vq-grid button').nth(i).focus();
      await page.keyboard.press('Enter');
    }
    await page.waitForFunction((b) => (document.getElementById('vq-decoded') as HTMLCanvasElement).toDataURL() !== b, before);
    assert.equal(Number(await first.textContent()), (code + 1) % 32);
    assert.match((await first.getAttribute('aria-label')) ?? '', new RegExp(`\\(encoder chose ${code}\\)$`));
    assert.match((await page.locator('#vq-cell').textContent()) ?? '', /now holds code/);
    await page.click('#vq-reset');
    assert.equal(Number(await first.textContent()), code);
    // samples from the uniform prior over codes; the Gaussian-only views say so
    await page.waitForFunction(() => /uniform prior over the 32 codes/.test(document.getElementById('samples-note')!.textContent ?? ''));
    assert.ok((await inkedPixels(page, 'samples')) > 0);
    assert.match((await page.locator('#verdict').textContent()) ?? '', /^Not applicable to a VQ-VAE/);
    assert.equal(await page.locator('#remedies').isHidden(), true);
    assert.match((await page.locator('#trav-note').textContent()) ?? '', /^Not applicable to a VQ-VAE/);
    assert.deepEqual(problems, []);
  });
});
