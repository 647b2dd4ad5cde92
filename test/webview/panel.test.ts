// The model panel's page in headless Chromium: the same HTML the extension serves, the real dist/webview.js
// and media/panel.css, a stub acquireVsCodeApi, and messages from a real small trained model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { pageToHost, type HostToPage, type PageToHost } from '../../src/protocol/webview';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { THEMES, inkedPixels, openPage, post, repo, serve, tileValues, trainedMessages, trainedPageVae, withPage } from './harness';

test('the model panel renders a trained model in dark, high-contrast and light themes, with no CSP violation', { timeout: 300_000 }, async () => {
  const messages = await trainedMessages();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (const [name, theme] of Object.entries(THEMES)) {
      const { server, url } = await serve(theme);
      try {
        const { page, posted, problems } = await openPage(browser, url);
        assert.deepEqual(posted, [{ type: 'ready' }], 'the page says it is ready, and nothing else');
        const emptyLoss = await inkedPixels(page, 'loss');
        for (const m of messages) await post(page, m);
        await page.waitForFunction(() => document.querySelectorAll('.klbar').length > 0);
        assert.ok((await inkedPixels(page, 'loss')) > emptyLoss + 200, 'loss curves are drawn');
        assert.ok((await inkedPixels(page, 'recon')) > 500, 'the reconstruction grid is drawn');
        await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
        assert.ok((await inkedPixels(page, 'samples')) > 1000, 'prior samples are decoded and drawn in the page');
        const bars = await page.$$eval('.klbar', (els) => els.map((e) => e.className));
        assert.equal(bars.length, 12, 'one KL bar per latent dimension');
        assert.deepEqual(await page.evaluate(() => [(document.getElementById('klheat') as HTMLCanvasElement).width, (document.getElementById('klheat') as HTMLCanvasElement).height]), [3 * 14, 12 * 14], 'the KL heatmap has a column per epoch and a row per dimension');
        assert.ok((await inkedPixels(page, 'klheat')) > 100);
        assert.ok((await inkedPixels(page, 'beta')) > 20, 'the β schedule is drawn');
        const model = messages[0] as Extract<HostToPage, { type: 'model' }>;
        const kl = model.epochs.at(-1)!.validation!.klPerDim;
        assert.equal(bars.filter((c) => c.includes('collapsed')).length, kl.filter((v) => v < 0.01).length, 'collapsed dimensions are marked');
        assert.match(await page.textContent('#verdict') ?? '', /dimensions/);
        const state = await page.evaluate(() => (window as unknown as { __state: { modelDir: string } }).__state);
        assert.equal(state.modelDir, '/models/fashion-mnist-sample', 'state is persisted for the serializer');
        const after = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
        assert.deepEqual(after.filter((p) => (p as { csp?: string }).csp), [], 'no CSP violations');
        assert.deepEqual(problems, [], 'no console errors');
        // text and buttons take the theme's colours: in high contrast, white on black with the contrast border
        const look = await page.evaluate(() => {
          const b = getComputedStyle(document.querySelector('button')!);
          return { text: getComputedStyle(document.body).color, border: b.borderTopColor, bg: getComputedStyle(document.body).backgroundColor };
        });
        assert.notEqual(look.text, look.bg, `${name}: text colour differs from the background`);
        if (name === 'high-contrast') assert.equal(look.border, 'rgb(111, 195, 223)', 'buttons carry the contrast border');
        // opt-in, so a test run leaves the working tree clean
        if (process.env.LATENT_EXPLORER_SCREENSHOTS) await page.screenshot({ path: join(repo, `docs/screenshots/panel-${name}.png`), fullPage: true });
        await page.close();
      } finally {
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
});

test('a live epoch message appends a point, and collapsed dimensions are marked with a verdict', { timeout: 300_000 }, async () => {
  const [model] = (await trainedMessages()) as [Extract<HostToPage, { type: 'model' }>];
  await withPage('', async ({ page }) => {
    await post(page, { ...model, epochs: model.epochs.slice(0, 1) });
    // the second epoch as a collapsing run would report it: three dimensions below 0.01 nats
    const e2 = model.epochs[1];
    const klPerDim = e2.validation!.klPerDim.map((v, i) => (i < 3 ? 0.004 : v));
    await post(page, { type: 'epoch', metrics: { ...e2, validation: { ...e2.validation!, klPerDim } } });
    await page.waitForFunction(() => /epoch 2\//.test(document.getElementById('status')!.textContent ?? ''));
    const state = await page.evaluate(() => (window as unknown as { __state: { epochs: unknown[] } }).__state);
    assert.equal(state.epochs.length, 2);
    assert.equal((await page.$$('.klbar.collapsed')).length, 3);
    // with collapsed dimensions the remedies are highlighted; each button asks the host for a new run
    assert.equal(await page.evaluate(() => document.getElementById('remedies')!.classList.contains('urgent')), true);
    await page.click('#remedies button[data-remedy=warmup]');
    const sent = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(sent.at(-1), { type: 'retrain', remedy: 'warmup' });
    assert.match((await page.textContent('#verdict')) ?? '', /^Verdict: partial\. 3 of 12 dimensions have collapsed/);
  });
});

test('moving the temperature slider and re-rolling redraw the samples from the in-page decoder', { timeout: 300_000 }, async () => {
  const messages = await trainedMessages();
  await withPage('', async ({ page, problems }) => {
    for (const m of messages) await post(page, m);
    await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
    const pixels = () => page.evaluate(() => {
      const c = document.getElementById('samples') as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 0));
    });
    const before = await pixels();
    await page.locator('#temperature').fill('0.2');
    const cooler = await pixels();
    assert.notDeepEqual(cooler, before, 'a lower temperature changes the decoded samples');
    assert.equal(await page.textContent('#temperature-value'), '0.2');
    await page.click('#reroll');
    assert.notDeepEqual(await pixels(), cooler, 're-roll draws new samples');
    const state = await page.evaluate(() => (window as unknown as { __state: { samples: { temperature: number; seed: number } } }).__state);
    assert.deepEqual(state.samples, { temperature: 0.2, seed: 2 });
    // Export PNG…: the page hands the host the grid as the CLI lays it out (8 columns, 2-pixel gaps)
    await page.click('#export-samples');
    const sent = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
    const exp = sent.find((m) => m.type === 'exportPng') as Extract<PageToHost, { type: 'exportPng' }>;
    assert.ok(exp.sheet.pixels instanceof Uint8Array, 'pixels travel as a Uint8Array');
    assert.deepEqual([exp.sheet.kind, exp.sheet.width, exp.sheet.height, exp.sheet.pixels.length], ['samples', 8 * 28 + 9 * 2, 4 * 28 + 5 * 2, (8 * 28 + 9 * 2) * (4 * 28 + 5 * 2)]);
    assert.equal(pageToHost.check(exp, 'exportPng'), null, 'the export message passes the host validator');
    // the side view's Sample action: the host sends showSamples, the page draws a fresh set
    const beforeShow = await pixels();
    await post(page, { type: 'showSamples' });
    await page.waitForFunction(() => (window as unknown as { __state: { samples: { seed: number } } }).__state.samples.seed === 3);
    assert.notDeepEqual(await pixels(), beforeShow, 'showSamples re-rolls');
    assert.deepEqual(problems, []);
  });
});

test('interpolation runs from A to B through the in-page encoder and decoder; traversal rows follow KL order', { timeout: 300_000 }, async () => {
  const messages = await trainedMessages();
  const { preview } = messages[1] as Extract<HostToPage, { type: 'preview' }>;
  const model = messages[0] as Extract<HostToPage, { type: 'model' }>;
  await withPage('', async ({ page, problems }) => {
    for (const m of messages) await post(page, m);
    await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
    // pick inputs 3 (A) and 5 (B) in the picker
    await page.click('#picker .pick:nth-child(4)');
    await page.click('#picker .pick:nth-child(6)');
    const state = await page.evaluate(() => (window as unknown as { __state: { interpolation: { a: number; b: number } } }).__state);
    assert.deepEqual([state.interpolation.a, state.interpolation.b], [3, 5]);
    // the endpoints are the decoded μ of A and B: the host's reconstructions, up to float differences
    const per = 28 * 28;
    const recon = (i: number) => preview.reconstructions.slice(i * per, (i + 1) * per);
    const diff = (x: number[], y: ArrayLike<number>) => Math.max(...x.map((v, k) => Math.abs(v - y[k])));
    assert.ok(diff(await tileValues(page, 'interp', 0, 8, 28), recon(3)) <= 3, 'first step decodes μ(A)');
    assert.ok(diff(await tileValues(page, 'interp', 7, 8, 28), recon(5)) <= 3, 'last step decodes μ(B)');
    const sphericalMid = await tileValues(page, 'interp', 4, 8, 28);
    await page.check('input[name=interp-mode][value=linear]');
    assert.ok(diff(await tileValues(page, 'interp', 4, 8, 28), sphericalMid) > 0, 'linear and spherical paths differ in the middle');
    // traversal: 8 rows × 9 steps, rows in decreasing KL order
    const kl = model.epochs.at(-1)!.validation!.klPerDim;
    const labels = await page.$$eval('#trav-labels span', (els) => els.map((e) => e.textContent));
    const byKl = kl.map((v, d) => [v, d] as const).sort((x, y) => y[0] - x[0]).slice(0, 8).map(([, d]) => `z${d}`);
    assert.deepEqual(labels, byKl);
    const size = await page.evaluate(() => [(document.getElementById('traverse') as HTMLCanvasElement).width, (document.getElementById('traverse') as HTMLCanvasElement).height]);
    assert.deepEqual(size, [9 * (84 + 4) + 4, 8 * (84 + 4) + 4]);
    // around image A over the prior's ±3σ, row r sets its dimension to −3 … +3 (absolute values, as
    // disentanglement_lib does) and keeps the others at μ(A): the page's tiles are those codes decoded
    const vae = await trainedPageVae();
    const zA = vae.encodeMu(preview.originals.subarray(3 * per, 4 * per), 1);
    const first = Number(labels[0]!.slice(1));
    for (const [column, value] of [[0, -3], [4, 0], [8, 3]]) {
      const z = Float32Array.from(zA);
      z[first] = value;
      assert.ok(diff(await tileValues(page, 'traverse', column, 9, 28), vae.decode(z, 1)) <= 3, `column ${column} decodes z${first} = ${value}`);
    }
    vae.dispose();
    // clicking the reconstruction of image 10 (block 1, column 2, lower row) asks the host to open its file;
    // choosing "worst first" asks for the anomaly ranking
    await page.locator('#recon').scrollIntoViewIfNeeded();
    const box = (await page.locator('#recon').boundingBox())!;
    const scale = box.width / (await page.evaluate(() => (document.getElementById('recon') as HTMLCanvasElement).width));
    const gx = 4 + 2 * (84 + 4) + 40;
    const gy = 4 + 3 * (84 + 4) + 4 + 40;
    await page.mouse.click(box.x + gx * scale, box.y + gy * scale);
    await page.check('input[name=rec-order][value=worst]');
    const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(posted.slice(1), [{ type: 'openSource', index: 10 }, { type: 'requestPreview', order: 'worst' }]);
    assert.match((await page.textContent('#recon-note')) ?? '', /Anomaly score/);
    // "Interpolate Between Images" from the Explorer: the two images lead the picker and become A and B
    await post(page, { type: 'interpolatePair', pair: { names: ['x.png', 'y.png'], height: 28, width: 28, channels: 1, pixels: Uint8Array.from([...preview.originals.subarray(6 * per, 7 * per), ...preview.originals.subarray(9 * per, 10 * per)]) } });
    await page.waitForFunction(() => document.querySelectorAll('#picker .pick').length === 18);
    const st = await page.evaluate(() => (window as unknown as { __state: { interpolation: { a: number; b: number } } }).__state);
    assert.deepEqual([st.interpolation.a, st.interpolation.b], [0, 1]);
    assert.ok(diff(await tileValues(page, 'interp', 0, 8, 28), recon(6)) <= 3, 'the path starts at the first selected image');
    assert.ok(diff(await tileValues(page, 'interp', 7, 8, 28), recon(9)) <= 3, 'and ends at the second');
    assert.deepEqual(problems, []);
  });
});

test('an encoded image can be edited with one slider per dimension and saved', { timeout: 300_000 }, async () => {
  const messages = await trainedMessages();
  const { encoding: encoded } = messages[3] as Extract<HostToPage, { type: 'encoded' }>;
  await withPage('', async ({ page, problems }) => {
    for (const m of messages) await post(page, m);
    await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
    assert.equal(await page.isVisible('#encode-section'), true);
    assert.equal((await page.$$('#enc-dims .enc-row')).length, 12);
    assert.match((await page.textContent('#enc-note')) ?? '', /higher than 42% of the model's dataset/);
    assert.equal(await page.textContent('#enc-neighbour-names'), 'a.png (0.00), b.png (1.25)');
    assert.ok((await inkedPixels(page, 'enc-neighbours')) > 100, 'neighbour thumbnails are drawn');
    const diff = (x: number[], y: ArrayLike<number>) => Math.max(...x.map((v, k) => Math.abs(v - y[k])));
    const editedStart = await tileValues(page, 'enc-edited', 0, 1, 28);
    assert.ok(diff(editedStart, encoded.reconstruction) <= 3, 'the edit starts at the decoded μ');
    // move the dimension with the largest KL for this image far from μ
    const kls = encoded.mu.map((m, d) => 0.5 * (m * m + Math.exp(encoded.logvar[d]) - 1 - encoded.logvar[d]));
    const d = kls.indexOf(Math.max(...kls));
    await page.locator(`#enc-z${d}`).fill(String(encoded.mu[d] > 0 ? -3 : 3));
    const editedAfter = await tileValues(page, 'enc-edited', 0, 1, 28);
    assert.ok(diff(editedAfter, editedStart) > 10, 'moving a used dimension changes the edited image');
    await page.click('#enc-save');
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
    const save = posted.find((p) => p.type === 'saveImage') as Extract<PageToHost, { type: 'saveImage' }>;
    assert.ok(save.pixels instanceof Uint8Array && save.pixels.length === 784, 'the edited image travels as 784 uint8 values');
    assert.deepEqual(Array.from(save.pixels), editedAfter, 'the saved pixels are the edited image');
    await page.click('#enc-reset');
    assert.ok(diff(await tileValues(page, 'enc-edited', 0, 1, 28), encoded.reconstruction) <= 3, 'reset returns to μ');
    assert.deepEqual(problems, []);
  });
});

test('the latent map colours images by label, shows the image under the pointer and decodes a clicked point', { timeout: 300_000 }, async () => {
  const messages = await trainedMessages();
  const { map } = messages[4] as Extract<HostToPage, { type: 'latentMap' }>;
  await withPage('', async ({ page, problems }) => {
    for (const m of messages.slice(0, 3)) await post(page, m);
    await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
    await page.click('#map-compute');
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
    assert.deepEqual(posted.at(-1), { type: 'requestLatentMap', method: 'pca' });
    await post(page, { type: 'latentMap', map });
    await page.waitForFunction(() => /explains/.test(document.getElementById('map-note')!.textContent ?? ''));
    assert.ok((await inkedPixels(page, 'map')) > 500, 'dots are drawn');
    assert.equal((await page.$$('#map-legend .key')).length, 10);
    // hover exactly on image 7's dot (the camera fits the map with 16 px to spare): its label appears
    await page.locator('#map').scrollIntoViewIfNeeded();
    const box = (await page.locator('#map').boundingBox())!;
    const target = await page.evaluate((m: { points: number[] }) => {
      const pts = m.points;
      const xs = pts.filter((_, i) => i % 2 === 0);
      const ys = pts.filter((_, i) => i % 2 === 1);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const s = Math.min((640 - 32) / (x1 - x0), (480 - 32) / (y1 - y0));
      return [(pts[14] - (x0 + x1) / 2) * s + 320, 240 - (pts[15] - (y0 + y1) / 2) * s];
    }, { points: Array.from(map.points) });
    const at7 = [box.x + (target[0] * box.width) / 640, box.y + (target[1] * box.height) / 480] as const;
    await page.mouse.move(...at7);
    assert.equal(await page.textContent('#map-hover-label'), map.labelNames[map.labels![7]], 'the hovered dot is image 7');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    assert.match((await page.textContent('#map-decoded-label')) ?? '', /decoded at/);
    assert.ok((await inkedPixels(page, 'map-decoded')) > 100);
    // UMAP: chosen in the select, requested as such; a click decodes the clicked image's own code, fetched on demand
    await page.selectOption('#map-method', 'umap');
    await page.click('#map-compute');
    const again = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
    assert.deepEqual(again.at(-1), { type: 'requestLatentMap', method: 'umap' });
    await post(page, { type: 'latentMap', map: { ...map, method: 'umap', fitted: map.count, axisNames: ['UMAP 1', 'UMAP 2'] } });
    await page.waitForFunction(() => /UMAP of μ\(x\)/.test(document.getElementById('map-note')!.textContent ?? ''));
    await page.mouse.click(...at7);
    // (the k-NN inspector hears the same click and asks for the image's neighbours too)
    const asked = await page.evaluate(() => (window as unknown as { __posted: { type: string; indices?: Int32Array }[] }).__posted.filter((m) => m.type === 'requestMapImages').at(-1));
    assert.deepEqual(asked, { type: 'requestMapImages', indices: Int32Array.of(7) });
    const d = 12;
    await post(page, { type: 'mapImages', images: { indices: Int32Array.of(7), height: 28, width: 28, channels: 1, pixels: new Uint8Array(784).fill(90), codes: Float32Array.from({ length: d }, (_, k) => Math.sin(k) * 2) } });
    await page.waitForFunction(() => /^decoded μ of image 7/.test(document.getElementById('map-decoded-label')!.textContent ?? ''));
    assert.equal(await page.textContent('#map-decoded-label'), `decoded μ of image 7 (${map.labelNames[map.labels![7]]})`);
    assert.ok((await inkedPixels(page, 'map-decoded')) > 100);
    assert.deepEqual(problems, []);
  });
});
