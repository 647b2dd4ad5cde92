// The views of a learned prior and a flow posterior in Chromium, on small models trained here: a MoG prior with
// planar flows and a VampPrior with IAF. The samples come from the model's own prior (the page's pixels equal the
// Node-side decode of the mixture's codes), the prior section has a row per component (pseudo-inputs for the
// VampPrior), the flow section draws the samples before and after the flow with its table and Monte Carlo KL, its
// dimension choice works by keyboard, interpolation decodes f(μ), and axe finds nothing in either section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { initBackend } from '../../src/engine/backend';
import { createModel } from '../../src/engine/models/registry';
import { trainVae } from '../../src/engine/train';
import { summaryOf } from '../../src/protocol/summary';
import type { HostToPage } from '../../src/protocol/webview';
import { DEFAULT_TRAIN } from '../../src/shared/trainConfig';
import type { ModelConfig } from '../../src/shared/types';
import { latentMapOf } from '../../src/training/latentMap';
import { makePreview } from '../../src/training/preview';
import { PageVae, priorCodes } from '../../src/webview/pageVae';
import { SAMPLE_COUNT } from '../../src/webview/samples';
import { syntheticDataset } from '../helpers/synthetic';
import { inkedPixels, post, setWeightsFile, tileValues, withPage } from './harness';

const require = createRequire(__filename);

/** Trains a small model of `over` on 8×8 synthetic images; the messages a host would send, and its page twin in Node. */
async function trained(over: Partial<ModelConfig>): Promise<{ messages: HostToPage[]; twin: PageVae; config: ModelConfig }> {
  await initBackend();
  const ds = syntheticDataset(96);
  const config: ModelConfig = { kind: 'mlp-vae', inputShape: [8, 8, 1], hidden: [32], latentDim: 3, likelihood: 'bernoulli', decoderScale: 0.1, ...over };
  const training = { ...DEFAULT_TRAIN, epochs: 4, batchSize: 16, learningRate: 5e-3 };
  const model = createModel(config, 3);
  const { epochs } = await trainVae(model, { train: ds, validation: null }, training);
  const preview = await makePreview(model, ds, 8);
  const map = await latentMapOf(model, ds, { method: 'pca' }, 1);
  const values = model.weightValues();
  const specs = model.weightSpecs();
  const bytes = Buffer.concat(specs.map((sp) => Buffer.from(values.get(sp.name)!.buffer, values.get(sp.name)!.byteOffset, values.get(sp.name)!.byteLength)));
  model.dispose();
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const twin = PageVae.fromWeights(all, specs, config);
  setWeightsFile(bytes);
  const dataset = { root: 'synthetic', fingerprint: '', count: ds.count, trainCount: ds.count, validationCount: 0, height: 8, width: 8, channels: 1 as const, labelNames: ds.labelNames };
  const summary = summaryOf('/models/priorflow', { status: 'completed', model: config, training, dataset });
  return {
    config,
    twin,
    messages: [
      { type: 'model', summary, epochs },
      { type: 'preview', preview },
      { type: 'decoder', source: { weightsUri: '/weights.bin', specs: specs.map((sp) => ({ name: sp.name, shape: sp.shape })) } },
      { type: 'latentMap', map },
    ],
  };
}

async function axeOn(page: Page, selectors: string[]): Promise<string[]> {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run(ctx: object, opts: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run({ include: include.map((s) => [s]) }, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selectors);
}

const text = async (page: Page, id: string) => (await page.locator(`#${id}`).textContent()) ?? '';

/** The pixel values of the first tile of a Node-side decode, read as tileValues reads a canvas. */
function firstTile(pixels: Uint8Array): Uint8Array {
  return pixels.subarray(0, 64);
}

/** The largest difference of two tiles' values. */
const diff = (a: number[], b: ArrayLike<number>) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
/** The page (tfjs, WebGL or cpu) and Node (tfjs or plain JS) round the same means to within a few levels. */
/** Page waits: generous, the page loads tfjs and the weights on a busy machine (conditions, not sleeps). */
const WAIT = { timeout: 180_000 };

const near = (a: number[], b: ArrayLike<number>) => diff(a, b) <= 3;

/** A tile drawn by the page is `want` (within rounding) and nearer to it than to `other`, what a wrong code would give. */
function shownIs(shown: number[], want: ArrayLike<number>, other: ArrayLike<number>, what: string): void {
  assert.ok(near(shown, want) && diff(shown, other) > diff(shown, want), `${what}: ${diff(shown, want)} levels from the expected tile, ${diff(shown, other)} from the other`);
}

test('MoG prior + planar flow: samples from the mixture, a row per component, the flow view, interpolation of f(μ)', { timeout: 300_000 }, async () => {
  const { messages, twin } = await trained({ prior: 'mog', priorComponents: 3, flow: 'planar', flowSteps: 2 });
  await withPage('', async ({ page, problems }) => {
    assert.equal(await page.locator('#prior').isHidden(), true, 'hidden until a model with a learned prior arrives');
    assert.equal(await page.locator('#flow').isHidden(), true);
    for (const m of messages) await post(page, m);
    await page.waitForFunction(() => document.querySelectorAll('#prior-rows tr').length === 3 && /learned mixture/.test(document.getElementById('samples-prior')!.textContent ?? ''), undefined, WAIT);
    assert.match(await text(page, 'samples-prior'), /learned mixture of K = 3 Gaussians/);
    // the page's samples are the Node twin's decode of the mixture's codes (N(0, I) codes would decode otherwise)
    const expected = twin.decode(twin.priorSampleCodes(SAMPLE_COUNT, 1, 1), SAMPLE_COUNT);
  assert.ok(near(await tileValues(page, 'samples', 0, 8, 8), firstTile(expected)), 'sample 1 is the mixture sample');
    // a row per component, heaviest first, weights summing to 1, each row's samples drawn; no pseudo-inputs for a MoG
    const weights = (await page.locator('#prior-rows tr td:nth-of-type(1)').allTextContents()).map(Number);
    assert.equal(weights.length, 3);
    assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 0.01 && weights[0] >= weights[1] && weights[1] >= weights[2], `weights ${weights}`);
    assert.equal(await page.locator('#prior-rows canvas').count(), 3);
    assert.equal(await page.locator('#prior-pseudo-h').isHidden(), true);
    for (const label of await page.locator('#prior-rows canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')))) assert.match(label ?? '', /^8 samples of component \d$/);
    // the flow view: both clouds drawn, the table's two rows, the Monte Carlo KL
    await page.waitForFunction(() => !document.getElementById('flow')!.hidden && /nats/.test(document.getElementById('flow-kl')!.textContent ?? ''), undefined, WAIT);
    assert.ok((await inkedPixels(page, 'flow-before')) > 100 && (await inkedPixels(page, 'flow-after')) > 100, 'both clouds drawn');
    assert.match(await text(page, 'flow-note'), /2 planar steps/);
    assert.match(await text(page, 'flow-kl'), /by Monte Carlo over these 500 samples: -?\d+\.\d\d ± \d+\.\d\d nats/);
    assert.equal(await page.locator('#flow-table tbody tr, #flow-table tr:has(td)').count(), 2);
    assert.match(await text(page, 'flow-decodes'), /decode z_K = f\(μ\)/);
    // keyboard: the vertical dimension's select moves with the arrow keys and the table follows
    const caption = await page.locator('#flow-table caption').textContent();
    await page.focus('#flow-y');
    const before = await page.locator('#flow-y').inputValue();
    await page.keyboard.press(before === '0' ? 'ArrowDown' : 'ArrowUp');
    await page.waitForFunction((c) => document.querySelector('#flow-table caption')?.textContent !== c, caption, WAIT);
    assert.notEqual(await page.locator('#flow-y').inputValue(), before);
    // interpolation decodes f(μ(A)) first: the Node twin's encodeMean of image 1, decoded
    const preview = (messages[1] as Extract<HostToPage, { type: 'preview' }>).preview;
    const fA = twin.encodeMean(preview.originals.subarray(0, 64), 1);
    const shown = await tileValues(page, 'interp', 0, 8, 8);
    const ofMu = twin.decode(twin.encodeMu(preview.originals.subarray(0, 64), 1), 1);
    const ofFlow = twin.decode(fA, 1);
    shownIs(shown, ofFlow, ofMu, 'interpolation starts at f(μ(A)), not μ(A)');
    // Encode Image: the sliders start at f(μ), the code the reconstruction decodes, and so does the edited image
    const pixels = preview.originals.slice(0, 64);
    const mu = Array.from(twin.encodeMu(pixels, 1));
    const encoding = { imagePath: '/data/a.png', modelDir: '/models/priorflow', height: 8, width: 8, channels: 1 as const, pixels, reconstruction: ofFlow, mu, logvar: mu.map(() => 0), reconError: 1, percentile: null, neighbours: [], neighbourPixels: new Uint8Array(0) };
    await post(page, { type: 'encoded', encoding });
    await page.waitForFunction(() => /start at z_K = f\(μ\)/.test(document.getElementById('enc-note')!.textContent ?? ''), undefined, WAIT);
    const sliders = await Promise.all(mu.map((_, d) => page.locator(`#enc-z${d}`).inputValue()));
    sliders.forEach((v, d) => assert.ok(Math.abs(Number(v) - fA[d]) <= 0.025 + 1e-6, `slider ${d} at f(μ) ${fA[d]}, shows ${v}`));
    shownIs(await tileValues(page, 'enc-edited', 0, 1, 8), ofFlow, ofMu, 'the edited image starts as f(μ) decoded');
    assert.deepEqual(await axeOn(page, ['#prior', '#flow', '#samples-h']), []);
    assert.deepEqual(problems, []);
  });
  twin.dispose();
});

test('VampPrior + IAF: pseudo-inputs as images, a row per pseudo-input, the IAF flow view', { timeout: 300_000 }, async () => {
  const { messages, twin } = await trained({ prior: 'vamp', priorComponents: 4, flow: 'iaf', flowSteps: 2 });
  const map = (messages[3] as Extract<HostToPage, { type: 'latentMap' }>).map;
  assert.deepEqual(map.overlay?.map((m) => m.label.split(' ')[0]), ['u1', 'u2', 'u3', 'u4'], 'the map marks the pseudo-inputs');
  await withPage('', async ({ page, problems }) => {
    for (const m of messages) await post(page, m);
    await page.waitForFunction(() => document.querySelectorAll('#prior-rows tr').length === 4 && /VampPrior/.test(document.getElementById('samples-prior')!.textContent ?? ''), undefined, WAIT);
    assert.equal(await page.locator('#prior-pseudo-h').isHidden(), false);
    // the map's text alternative lists the marked components beside the groups of images
    assert.match((await page.locator('#map-table').textContent()) ?? '', /marked: u1 \(π 0\.25\)/);
    assert.equal(await page.locator('#prior-rows canvas').count(), 8, 'a pseudo-input and a row of samples per component');
    assert.deepEqual((await page.locator('#prior-rows tr td:nth-of-type(1)').allTextContents()).map(Number), [0.25, 0.25, 0.25, 0.25]);
    const expected = twin.decode(twin.priorSampleCodes(SAMPLE_COUNT, 1, 1), SAMPLE_COUNT);
    const standard = twin.decode(priorCodes(SAMPLE_COUNT, 3, 1, 1), SAMPLE_COUNT);
    shownIs(await tileValues(page, 'samples', 0, 8, 8), firstTile(expected), firstTile(standard), 'sample 1 is the VampPrior’s, not N(0, I)’s');
    await page.waitForFunction(() => /IAF, 2 steps/.test(document.getElementById('flow-note')!.textContent ?? ''), undefined, WAIT);
    assert.ok((await inkedPixels(page, 'flow-after')) > 100);
    // a new image: the thumbnail and the clouds follow
    const caption = await page.locator('#flow-table caption').textContent();
    await page.selectOption('#flow-image', '2');
    await page.waitForFunction((c) => document.querySelector('#flow-table caption')?.textContent !== c, caption, WAIT);
    assert.match((await page.locator('#flow-table caption').textContent()) ?? '', /of image 3 in/);
    assert.deepEqual(await axeOn(page, ['#prior', '#flow']), []);
    assert.deepEqual(problems, []);
  });
  twin.dispose();
});
