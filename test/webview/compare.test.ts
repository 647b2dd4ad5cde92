// The Compare Models page as the panel serves it (same HTML generator, CSP and bundle): loss curves on shared
// axes, sorted KL profiles, the metrics table, samples of both models from the same z and the same
// interpolation, each checked against the same codes decoded in Node; and models that cannot share z say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { renderCompareHtml } from '../../src/extension/compareHtml';
import { createModel } from '../../src/engine/models/registry';
import type { CompareSide, HostToCompare } from '../../src/protocol/compare';
import type { HostToPage } from '../../src/protocol/webview';
import { sharpnessOfBytes } from '../../src/shared/sharpness';
import type { ModelConfig } from '../../src/shared/types';
import { PageVae, priorCodes } from '../../src/webview/pageVae';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { THEMES, inkedPixels, openPage, repo, tileValues, trainedMessages, trainedPageVae, weightsFile } from './harness';

const NONCE = 'Y29tcGFyZW5vbmNlMTIz';
const diff = (x: number[], y: ArrayLike<number>) => Math.max(...x.map((v, k) => Math.abs(v - y[k])));

function weightsOf(config: ModelConfig, seed: number): { bytes: Buffer; specs: { name: string; shape: number[] }[] } {
  const model = createModel(config, seed);
  const values = model.weightValues();
  const specs = model.weightSpecs().map((s) => ({ name: s.name, shape: s.shape }));
  const bytes = Buffer.concat(specs.map((s) => Buffer.from(values.get(s.name)!.buffer)));
  model.dispose();
  return { bytes, specs };
}

function serveCompare(files: Record<string, Buffer>): Promise<{ server: Server; url: string }> {
  return new Promise((res) => {
    const server = createServer((req, resp) => {
      if (req.url === '/compare.js') return resp.end(readFileSync(join(repo, 'dist/compare.js')));
      if (req.url === '/panel.css') return resp.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(join(repo, 'media/panel.css')));
      if (req.url && files[req.url]) return resp.writeHead(200, { 'content-type': 'application/octet-stream' }).end(files[req.url]);
      const port = (server.address() as { port: number }).port;
      const html = renderCompareHtml({ cspSource: `http://127.0.0.1:${port}`, nonce: NONCE, scriptUri: '/compare.js', styleUri: '/panel.css', title: 'Compare: a and b' });
      const vars = Object.entries(THEMES.dark).map(([k, v]) => `${k}: ${v};`).join(' ');
      resp.writeHead(200, { 'content-type': 'text/html' }).end(html.replace('<html lang="en">', `<html lang="en" style="${vars}">`));
    });
    server.listen(0, '127.0.0.1', () => res({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` }));
  });
}

async function sides(bConfig: (c: ModelConfig) => ModelConfig): Promise<{ a: CompareSide; b: CompareSide; files: Record<string, Buffer>; bWeights: Float32Array }> {
  const messages = await trainedMessages();
  const { summary, epochs } = messages[0] as Extract<HostToPage, { type: 'model' }>;
  const { source } = messages.find((m) => m.type === 'decoder') as Extract<HostToPage, { type: 'decoder' }>;
  const config = bConfig(summary.model);
  const b = weightsOf(config, 7);
  const a: CompareSide = { summary: { ...summary, name: 'a' }, epochs, decoder: { weightsUri: '/a.bin', specs: source.specs } };
  // B: another model, one epoch fewer on record and a different KL profile
  const bEpochs = epochs.slice(0, -1).map((e) => ({ ...e, train: { ...e.train, negElbo: e.train.negElbo + 10, klPerDim: new Array<number>(config.latentDim).fill(0.5) }, validation: null }));
  const bSide: CompareSide = { summary: { ...summary, name: 'b', model: config }, epochs: bEpochs, decoder: { weightsUri: '/b.bin', specs: b.specs } };
  return { a, b: bSide, files: { '/a.bin': weightsFile, '/b.bin': b.bytes }, bWeights: new Float32Array(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength / 4) };
}

const rows = [
  { name: 'latent size', a: 12, b: 12, better: 'none' as const },
  { name: '−ELBO, last epoch (validation if any)', a: 250.5, b: 260.25, better: 'lower' as const },
];

async function withCompare(files: Record<string, Buffer>, fn: (page: import('playwright-core').Page, problems: string[]) => Promise<void>): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const { server, url } = await serveCompare(files);
  try {
    const { page, problems } = await openPage(browser, url);
    await fn(page, problems);
  } finally {
    server.close();
    await browser.close();
  }
}

const send = (page: import('playwright-core').Page, m: HostToCompare) => page.evaluate((msg) => window.postMessage({ kind: 'notify', message: msg }, '*'), m as never);

test('Compare Models: curves on shared axes, sorted KL, metrics, samples from the same z and the same interpolation', { timeout: 120_000 }, async () => {
  const { a, b, files, bWeights } = await sides((c) => c);
  const messages = await trainedMessages();
  const { preview } = messages[1] as Extract<HostToPage, { type: 'preview' }>;
  const va = await trainedPageVae();
  const vb = PageVae.fromWeights(bWeights, b.decoder.specs, b.summary.model);
  await withCompare(files, async (page, problems) => {
    await send(page, { type: 'models', a, b, rows });
    const per = 28 * 28;
    await send(page, { type: 'pair', pair: { names: ['x.png', 'y.png'], height: 28, width: 28, channels: 1, pixels: preview.originals.slice(0, 2 * per) }, reason: '' });
    // the page decodes with tfjs in a busy Chromium: generous bounds on the conditions (30 s timed out at load 37)
    await page.waitForFunction(() => /seed 1/.test(document.getElementById('cmp-samples-note')!.textContent ?? ''), undefined, { timeout: 180_000 });
    await page.waitForFunction(() => /x\.png to y\.png/.test(document.getElementById('cmp-interp-note')!.textContent ?? ''), undefined, { timeout: 180_000 });
    const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(posted, [{ type: 'ready' }], 'the page said ready and broke no CSP rule');
    assert.equal(await page.textContent('#cmp-name-a'), 'A = a');
    assert.ok((await inkedPixels(page, 'cmp-loss')) > 500 && (await inkedPixels(page, 'cmp-kl')) > 500, 'both charts are drawn');
    // the loss table: one row per epoch of the longer run, B's last cell empty
    const lossRows = await page.$$eval('#cmp-loss-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td,th')].map((c) => c.textContent)));
    assert.equal(lossRows.length, a.epochs.length);
    assert.equal(lossRows.at(-1)!.at(-1), '—');
    const klRows = await page.$$eval('#cmp-kl-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td,th')].map((c) => c.textContent)));
    const aKl = [...a.epochs.at(-1)!.validation!.klPerDim].sort((x, y) => y - x);
    assert.deepEqual(klRows.map((r) => Number(r[1])), aKl.map((v) => Number(v.toFixed(3))), 'A’s KL profile, sorted');
    const metrics = await page.$$eval('#cmp-metrics tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td,th')].map((c) => c.textContent)));
    assert.deepEqual(metrics, [['latent size', '12', '12', '—'], ['−ELBO, last epoch (validation if any)', '250.50', '260.25', 'A']]);
    // samples: the same prior codes decoded by each model
    const z = priorCodes(32, 12, 1, 1).subarray(0, 12);
    assert.ok(diff(await tileValues(page, 'cmp-samples-a', 0, 8, 28), va.decode(Float32Array.from(z), 1)) <= 3, 'A decodes z');
    assert.ok(diff(await tileValues(page, 'cmp-samples-b', 0, 8, 28), vb.decode(Float32Array.from(z), 1)) <= 3, 'B decodes the same z');
    // the interpolation: each model's path starts at its own μ of the first image
    const first = preview.originals.subarray(0, per);
    assert.ok(diff(await tileValues(page, 'cmp-interp-a', 0, 8, 28), va.decode(va.encodeMu(first, 1), 1)) <= 3);
    assert.ok(diff(await tileValues(page, 'cmp-interp-b', 0, 8, 28), vb.decode(vb.encodeMu(first, 1), 1)) <= 3);
    // Compute metrics for both: the host is asked once, and the job's rows join the manifests' rows
    await page.click('#cmp-compute-metrics');
    assert.equal(await page.isDisabled('#cmp-compute-metrics'), true, 'no second request while one runs');
    const asked = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
    assert.deepEqual(asked.slice(1), [{ type: 'computeMetrics' }]);
    await send(page, { type: 'metricRows', rows: [{ name: 'linear probe accuracy', a: 0.75, b: 0.8125, better: 'higher' }], note: 'Metrics on up to 5000 images' });
    await page.waitForFunction(() => document.querySelectorAll('#cmp-metrics tbody tr').length === 3);
    const withJob = await page.$$eval('#cmp-metrics tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td,th')].map((c) => c.textContent)));
    assert.deepEqual(withJob[2], ['linear probe accuracy', '0.75', '0.81', 'B']);
    assert.equal(await page.textContent('#cmp-metrics-note'), 'Metrics on up to 5000 images');
    // Re-roll (keyboard): both models get the next seed
    await page.focus('#cmp-reroll');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /seed 2/.test(document.getElementById('cmp-samples-note')!.textContent ?? ''), undefined, { timeout: 180_000 });
    if (process.env.LATENT_EXPLORER_SCREENSHOTS) {
      await page.setViewportSize({ width: 900, height: 1000 });
      await page.evaluate(() => document.querySelectorAll('details.as-table').forEach((d) => ((d as HTMLDetailsElement).open = false)));
      await page.locator('body').screenshot({ path: join(repo, 'docs/screenshots/compare-dark.png'), animations: 'disabled' });
    }
    assert.deepEqual(problems, []);
  });
  va.dispose();
  vb.dispose();
});

test('Compare Models: different latent sizes or input sizes say why the shared views are not possible', { timeout: 120_000 }, async () => {
  const { a, b, files } = await sides((c) => ({ ...c, latentDim: 5 }));
  await withCompare(files, async (page, problems) => {
    await send(page, { type: 'models', a, b, rows });
    await send(page, { type: 'pair', pair: null, reason: 'The same interpolation needs the same input size: A takes 28×28×1 images, B 32×32×3.' });
    await page.waitForFunction(() => /same latent size: A has 12 dimensions, B 5/.test(document.getElementById('cmp-samples-note')!.textContent ?? ''));
    assert.equal(await page.isVisible('#cmp-samples-a'), false);
    assert.match((await page.textContent('#cmp-interp-note')) ?? '', /same input size/);
    assert.equal(await page.isVisible('#cmp-interp-b'), false);
    // the KL table still compares the profiles: 12 ranks, B's empty after its 5
    assert.equal((await page.$$('#cmp-kl-table tbody tr')).length, 12);
    assert.deepEqual(problems, []);
  });
});

test('Compare Models: a VAE-GAN beside a plain VAE, samples and reconstructions of both with their sharpness', { timeout: 240_000 }, async () => {
  // B: a VAE-GAN (conv VAE + discriminator, untrained) of the same latent size: its weights file also holds the
  // discriminator, which the page's decoder does not read
  const { a, b, files, bWeights } = await sides((c) => ({ ...c, net: 'conv', hidden: [64], model: 'vaegan', gamma: 0.1 }));
  assert.ok(b.decoder.specs.some((sp) => sp.name.startsWith('discriminator/')));
  const { preview } = (await trainedMessages())[1] as Extract<HostToPage, { type: 'preview' }>;
  const va = await trainedPageVae();
  const vb = PageVae.fromWeights(bWeights, b.decoder.specs, b.summary.model);
  const per = 28 * 28;
  const pixels = preview.originals.slice(0, 2 * per);
  await withCompare(files, async (page, problems) => {
    await send(page, { type: 'models', a, b, rows });
    await send(page, { type: 'pair', pair: { names: ['x.png', 'y.png'], height: 28, width: 28, channels: 1, pixels }, reason: '' });
    await page.waitForFunction(() => /^Sharpness of these samples/.test(document.getElementById('cmp-samples-sharpness')!.textContent ?? ''), undefined, { timeout: 180_000 });
    await page.waitForFunction(() => /^x\.png and y\.png/.test(document.getElementById('cmp-rec-note')!.textContent ?? ''), undefined, { timeout: 180_000 });
    // the page's numbers against the same decodes in Node (the page's tfjs may round a pixel differently: 5 %)
    const z = priorCodes(32, 12, 1, 1);
    const expected = [va, vb].map((v) => sharpnessOfBytes(v.decode(z, 32), 32, 28, 28, 1));
    const stated = /A (\S+), B (\S+)\.$/.exec((await page.textContent('#cmp-samples-sharpness')) ?? '')!.slice(1).map(Number);
    stated.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 0.05 * expected[i] + 1e-4, `samples of ${'AB'[i]}: page ${v}, Node ${expected[i]}`));
    const recon = [va, vb].map((v) => sharpnessOfBytes(v.decode(v.encodeMu(pixels, 2), 2), 2, 28, 28, 1));
    const note = (await page.textContent('#cmp-rec-note')) ?? '';
    const [inputs, ra, rb] = /inputs (\S+), A (\S+), B (\S+)\.$/.exec(note)!.slice(1).map(Number);
    assert.equal(inputs.toFixed(4), sharpnessOfBytes(pixels, 2, 28, 28, 1).toFixed(4), 'the inputs are the pair’s pixels');
    [ra, rb].forEach((v, i) => assert.ok(Math.abs(v - recon[i]) <= 0.05 * recon[i] + 1e-4, `reconstructions of ${'AB'[i]}: page ${v}, Node ${recon[i]}`));
    assert.ok((await inkedPixels(page, 'cmp-rec-a')) > 100 && (await inkedPixels(page, 'cmp-rec-b')) > 100, 'both reconstructions are drawn');
    assert.deepEqual(problems, []);
  });
  va.dispose();
  vb.dispose();
});

test('Compare Models: a mixture-prior model is sampled from its own prior, and the note says which prior each side drew', { timeout: 240_000 }, async () => {
  // B: the same network with a learned mixture prior (K = 3, untrained: its components sit apart from N(0, I))
  const { a, b, files, bWeights } = await sides((c) => ({ ...c, prior: 'mog', priorComponents: 3 }));
  const va = await trainedPageVae();
  const vb = PageVae.fromWeights(bWeights, b.decoder.specs, b.summary.model);
  await withCompare(files, async (page, problems) => {
    await send(page, { type: 'models', a, b, rows });
    await page.waitForFunction(() => /own prior/.test(document.getElementById('cmp-samples-note')!.textContent ?? ''), undefined, { timeout: 180_000 });
    assert.match((await page.textContent('#cmp-samples-note')) ?? '', /A: N\(0, I\); B: its mixture of K = 3 Gaussians\.$/);
    // B's first tile is its mixture's first code decoded, nearer that than the N(0, I) code A's first tile decodes
    const own = vb.priorSampleCodes(32, 1, 1).subarray(0, 12);
    const standard = priorCodes(32, 12, 1, 1).subarray(0, 12);
    const tile = await tileValues(page, 'cmp-samples-b', 0, 8, 28);
    const fromOwn = vb.decode(Float32Array.from(own), 1);
    assert.ok(diff(tile, fromOwn) <= 3, 'B decodes a code of its own prior');
    const dist = (x: ArrayLike<number>) => tile.reduce((s, v, k) => s + Math.abs(v - x[k]), 0);
    assert.ok(dist(fromOwn) < dist(vb.decode(Float32Array.from(standard), 1)), 'B’s tile is nearer its own prior’s code than N(0, I)’s');
    assert.deepEqual(problems, []);
  });
  va.dispose();
  vb.dispose();
});
