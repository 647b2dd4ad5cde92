// Attribute vectors in Encode, the traversal's range chooser and samples from the aggregate posterior, in the real
// page: each checked against the same codes decoded in Node from the same weights, with statistics computed by
// the job process's own code (training/latentStats.ts) on the trained sample model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { pageToHost, type HostToPage, type PageToHost } from '../../src/protocol/webview';
import { sampleMixture } from '../../src/shared/gaussianMixture';
import { normalQuantile } from '../../src/shared/normalQuantile';
import { inkedPixels, post, tileValues, trainedMessages, trainedPageVae, trainedStats, withPage } from './harness';

const diff = (x: number[], y: ArrayLike<number>) => Math.max(...x.map((v, k) => Math.abs(v - y[k])));

async function loadWithStats(page: Page): Promise<void> {
  for (const m of await trainedMessages()) await post(page, m);
  await post(page, { type: 'latentStats', stats: await trainedStats() });
  await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
  await page.waitForFunction(() => document.querySelectorAll('#trav-labels span').length === 8);
}

test('Encode: an attribute vector between two label centroids, applied with a keyboard-operated strength slider, saved with its edit', { timeout: 120_000 }, async () => {
  const messages = await trainedMessages();
  const { encoding } = messages.find((m) => m.type === 'encoded') as Extract<HostToPage, { type: 'encoded' }>;
  const stats = await trainedStats();
  const vae = await trainedPageVae();
  await withPage('', async ({ page, problems }) => {
    await loadWithStats(page);
    // the first two labels are chosen on arrival; pick the third → the second instead
    await page.waitForFunction(() => (document.getElementById('enc-attr-from') as HTMLSelectElement).options.length > 2);
    assert.equal(await page.isVisible('#enc-attr-row'), true);
    const [from, to] = [stats.labelNames[2], stats.labelNames[1]];
    await page.selectOption('#enc-attr-from', from);
    await page.selectOption('#enc-attr-to', to);
    // keyboard: each ArrowRight moves the strength by its step, 0.1
    await page.focus('#enc-strength');
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.getElementById('enc-strength-value')!.textContent === '1.5');
    const c = (name: string) => stats.centroids[stats.labelNames.indexOf(name)]!;
    const z = encoding.mu.map((m, j) => m + 1.5 * (c(to)[j] - c(from)[j]));
    assert.ok(diff(await tileValues(page, 'enc-edited', 0, 1, 28), vae.decode(Float32Array.from(z), 1)) <= 3, 'the edited image decodes μ + 1.5·(c_to − c_from)');
    assert.match((await page.textContent('#enc-attr-note')) ?? '', new RegExp(`z \\+ 1\\.5 · \\(centroid of ${to} − centroid of ${from}\\)`));
    assert.equal(await page.getAttribute('#enc-attr-row', 'aria-label'), 'Attribute vector');
    await page.click('#enc-save');
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
    const save = posted.find((p) => p.type === 'saveImage') as Extract<PageToHost, { type: 'saveImage' }>;
    assert.equal(pageToHost.check(save, 'saveImage'), null, 'the host accepts the message');
    assert.deepEqual(save.edit?.attribute, { from, to });
    assert.equal(save.edit?.strength, 1.5);
    assert.deepEqual(save.edit?.code, encoding.mu);
    assert.ok(diff(save.edit!.z, z) < 1e-6, 'the saved z is the decoded code');
    // a reopened edit puts the sliders and the attribute back
    const code = encoding.mu.map((m, j) => (j === 0 ? m + 2 : m));
    await post(page, { type: 'applyEdit', edit: { attribute: { from: to, to: from }, strength: -0.5, code, z: code } });
    await page.waitForFunction(() => document.getElementById('enc-strength-value')!.textContent === '-0.5');
    assert.equal(await page.inputValue('#enc-attr-from'), to);
    // a range input snaps to its 0.05 step
    assert.ok(Math.abs(Number(await page.inputValue('#enc-z0')) - code[0]) <= 0.025, 'the slider of z0 shows the saved code');
    const z2 = code.map((m, j) => m - 0.5 * (c(from)[j] - c(to)[j]));
    assert.ok(diff(await tileValues(page, 'enc-edited', 0, 1, 28), vae.decode(Float32Array.from(z2), 1)) <= 3, 'the reopened edit decodes its code plus its attribute');
    assert.deepEqual(problems, []);
  });
  vae.dispose();
});

test('Traverse: the range chooser sweeps ±kσ, prior quantiles (Φ⁻¹) or the data’s min/max of μ', { timeout: 120_000 }, async () => {
  const stats = await trainedStats();
  const vae = await trainedPageVae();
  await withPage('', async ({ page, problems }) => {
    await loadWithStats(page);
    await page.check('input[name=trav-center][value=origin]');
    const first = Number(((await page.textContent('#trav-labels span')) ?? '').slice(1));
    const expectTile = async (column: number, value: number, what: string) => {
      const z = new Float32Array(vae.latentDim);
      z[first] = value;
      assert.ok(diff(await tileValues(page, 'traverse', column, 9, 28), vae.decode(z, 1)) <= 3, `${what}: column ${column} decodes z${first} = ${value}`);
    };
    await expectTile(0, -3, 'default ±3σ');
    await page.selectOption('#trav-range', 'quantile:0.05');
    await page.waitForFunction(() => /Φ⁻¹\(0\.05\)/.test(document.getElementById('trav-range-note')!.textContent ?? ''));
    await expectTile(0, normalQuantile(0.05), '5 %–95 %');
    await expectTile(8, normalQuantile(0.95), '5 %–95 %');
    await page.selectOption('#trav-range', 'sigma:1');
    await page.waitForFunction(() => /±1σ/.test(document.getElementById('trav-range-note')!.textContent ?? ''));
    await expectTile(8, 1, '±1σ');
    await page.selectOption('#trav-range', 'data');
    await page.waitForFunction(() => /smallest to the largest μ/.test(document.getElementById('trav-range-note')!.textContent ?? ''));
    await expectTile(0, stats.muMin[first], 'data min');
    await expectTile(8, stats.muMax[first], 'data max');
    // the choice persists (a reload keeps it)
    const state = await page.evaluate(() => (window as unknown as { __state: { traverseRange: unknown } }).__state.traverseRange);
    assert.deepEqual(state, { kind: 'data' });
    assert.deepEqual(problems, []);
  });
  vae.dispose();
});

test('Samples: prior and aggregate-posterior samples side by side, labelled, the mixture refitted on request', { timeout: 120_000 }, async () => {
  const stats = await trainedStats();
  const vae = await trainedPageVae();
  await withPage('', async ({ page, problems }) => {
    await loadWithStats(page);
    await page.waitForFunction(() => /chosen by BIC/.test(document.getElementById('samples-agg-note')!.textContent ?? ''));
    assert.ok((await inkedPixels(page, 'samples-agg')) > 1000, 'aggregate-posterior samples are drawn');
    assert.match((await page.textContent('#samples-why')) ?? '', /prior hole/);
    // the first tile is the mixture's first sample (seed 1, temperature 1) decoded
    const z = sampleMixture(stats.mixture, 32, 1, 1).subarray(0, vae.latentDim);
    assert.ok(diff(await tileValues(page, 'samples-agg', 0, 8, 28), vae.decode(Float32Array.from(z), 1)) <= 3);
    const figures = await page.$$eval('#samples-h ~ .side-by-side figcaption', (f) => f.map((x) => x.textContent));
    assert.equal(figures.length, 2);
    assert.match(figures[0] ?? '', /prior/);
    assert.match(figures[1] ?? '', /aggregate posterior/);
    await page.selectOption('#mixture-k', '3');
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
    assert.deepEqual(posted.filter((p) => p.type === 'requestLatentStats'), [{ type: 'requestLatentStats', components: 3 }]);
    // a 3-component refit arrives: the note says so and the samples change
    const before = await tileValues(page, 'samples-agg', 0, 8, 28);
    const three = { ...stats, chosenBy: 'user' as const, bics: [], mixture: { weights: [0.5, 0.25, 0.25], means: [stats.mixture.means[0].map((m) => m + 2), stats.mixture.means[0], stats.mixture.means[0]], variances: [0, 1, 2].map(() => stats.mixture.variances[0]) } };
    await post(page, { type: 'latentStats', stats: three });
    await page.waitForFunction(() => /K = 3,/.test(document.getElementById('samples-agg-note')!.textContent ?? ''));
    assert.notDeepEqual(await tileValues(page, 'samples-agg', 0, 8, 28), before);
    assert.deepEqual(problems, []);
  });
  vae.dispose();
});
