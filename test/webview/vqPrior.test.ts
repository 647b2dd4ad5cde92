// A VQ-VAE with its autoregressive prior over code grids, in Chromium: the page draws its samples from that prior
// (cell by cell, in the page) and says so with the prior's held-out −log p(c) beside the unigram's and the uniform's;
// the temperature applies to it (another temperature draws other grids), unlike the uniform prior's samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadDataset, splitDataset } from '../../src/data';
import { initBackend } from '../../src/engine/backend';
import { meanNll, trainCodePrior, unigramLogFrequencies, unigramNll } from '../../src/engine/models/vqvae/codePrior';
import { codeGridsOf } from '../../src/engine/models/vqvae/usage';
import type { VqVae } from '../../src/engine/models/vqvae/vqvae';
import { createModel } from '../../src/engine/models/registry';
import { trainVae } from '../../src/engine/train';
import { summaryOf } from '../../src/protocol/summary';
import { vqLatentDim, weightSpecsFor } from '../../src/shared/architecture';
import { CODE_PRIOR_WEIGHTS, uniformGridNll } from '../../src/shared/codePrior';
import type { CodePriorFit, ModelConfig } from '../../src/shared/types';
import { inkedPixels, post, repo, setWeightsFile, withPage } from './harness';

test('a VQ-VAE with an autoregressive prior: the page samples it cell by cell, names it with its −log p(c), and the temperature applies', { timeout: 480_000 }, async () => {
  await initBackend();
  const all = await loadDataset(join(repo, 'samples/fashion-mnist'), { limit: 200 });
  const { train, validation } = splitDataset(all, 0.2, 1);
  const config: ModelConfig = {
    kind: 'mlp-vae', net: 'conv', model: 'vqvae', inputShape: [28, 28, 1], hidden: [], likelihood: 'bernoulli', decoderScale: 0.1,
    codebookSize: 16, codeDim: 8, commitment: 0.25, ema: false, latentDim: vqLatentDim([28, 28, 1], 8),
  };
  const training = { epochs: 1, batchSize: 64, learningRate: 2e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 };
  const model = createModel(config, 2) as VqVae;
  const { epochs } = await trainVae(model, { train, validation }, training);
  // the run's last phase, as training/fitVqPrior.ts does it, small
  const trainGrids = await codeGridsOf(model, train);
  const testGrids = await codeGridsOf(model, validation);
  const net = await trainCodePrior(trainGrids, 49, 16, { hidden: 32, epochs: 3, batchSize: 32, learningRate: 3e-3, seed: 1 });
  const fit: CodePriorFit = {
    epochs: 3, trainGrids: train.count, testGrids: validation.count, testSplit: 'validation', seconds: 1,
    arNll: meanNll(net, testGrids), unigramNll: unigramNll(unigramLogFrequencies(trainGrids, 16), testGrids, 49), uniformNll: uniformGridNll(49, 16),
  };
  const w = net.weights();
  net.dispose();
  const values = model.weightValues();
  model.dispose();
  const priorValues: Record<string, Float32Array> = {
    [CODE_PRIOR_WEIGHTS.inKernel]: w.inKernel, [CODE_PRIOR_WEIGHTS.inBias]: w.inBias, [CODE_PRIOR_WEIGHTS.outKernel]: w.outKernel, [CODE_PRIOR_WEIGHTS.outBias]: w.outBias,
  };
  const withPrior: ModelConfig = { ...config, codePrior: 'ar', codePriorHidden: 32, codePriorEpochs: 3 };
  const specs = weightSpecsFor(withPrior);
  setWeightsFile(Buffer.concat(specs.map((sp) => Buffer.from((values.get(sp.name) ?? priorValues[sp.name]).buffer))));
  const dataset = { root: 'samples/fashion-mnist', fingerprint: '', count: all.count, trainCount: train.count, validationCount: validation.count, height: 28, width: 28, channels: 1 as const, labelNames: all.labelNames };
  const summary = summaryOf('/models/vq-ar', { status: 'completed', model: withPrior, training, dataset, codePrior: fit });
  assert.deepEqual(summary.codePrior, fit, 'the summary carries the fit');
  await withPage('', async ({ page, problems }) => {
    await post(page, { type: 'model', summary, epochs });
    await post(page, { type: 'decoder', source: { weightsUri: '/weights.bin', specs: specs.map((sp) => ({ name: sp.name, shape: sp.shape })) } });
    // tfjs's cpu backend decodes the conv samples in the page (headless Chromium has no WebGL): slow under load
    const note = () => document.getElementById('samples-note')!.textContent ?? '';
    await page.waitForFunction(() => /autoregressive prior \(MADE, 32 hidden units\)/.test(document.getElementById('samples-note')!.textContent ?? ''), undefined, { timeout: 240_000 });
    const text = await page.evaluate(note);
    assert.match(text, /at temperature 1\.0/);
    assert.match(text, new RegExp(`−log p\\(c\\) on ${validation.count} held-out grids: ${fit.arNll.toFixed(1)} nats per grid \\(${(fit.arNll / (49 * Math.LN2)).toFixed(2)} bits per cell\\), against ${fit.unigramNll.toFixed(1)} for the codes’ frequencies and ${fit.uniformNll.toFixed(1)} for the uniform prior`));
    assert.equal(await page.locator('#samples-prior').textContent(), 'autoregressive prior over code grids');
    assert.ok((await inkedPixels(page, 'samples')) > 0, 'samples are drawn');
    // another temperature: other logits, so other grids and another picture (the uniform prior's ignore T)
    const before = await page.evaluate(() => (document.getElementById('samples') as HTMLCanvasElement).toDataURL());
    await page.locator('#temperature').fill('0.5');
    await page.waitForFunction(() => /at temperature 0\.5/.test(document.getElementById('samples-note')!.textContent ?? ''), undefined, { timeout: 120_000 });
    const after = await page.evaluate(() => (document.getElementById('samples') as HTMLCanvasElement).toDataURL());
    assert.notEqual(after, before, 'the temperature changes the AR prior’s samples');
    assert.deepEqual(problems, []);
  });
});
