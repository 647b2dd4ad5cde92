// The panel as a store and views: each view redraws only when its data changed (an epoch tick decodes nothing),
// large images draw, and a reloaded page comes back from its persisted state (JSON, as VS Code keeps it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { HostToPage } from '../../src/protocol/webview';
import { inkedPixels, post, trainedMessages, withPage } from './harness';

type Model = Extract<HostToPage, { type: 'model' }>;

/** Counts, per canvas id, the images drawn onto it from now on (every decoded grid is drawn with drawImage). */
async function countDraws(page: Page): Promise<() => Promise<Record<string, number>>> {
  await page.evaluate(() => {
    const w = window as unknown as { __draws: Record<string, number> };
    w.__draws = {};
    const original = CanvasRenderingContext2D.prototype.drawImage;
    CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      const id = this.canvas.id;
      if (id) w.__draws[id] = (w.__draws[id] ?? 0) + 1;
      return (original as (...a: unknown[]) => void).apply(this, args);
    } as typeof original;
  });
  return () => page.evaluate(() => ({ ...(window as unknown as { __draws: Record<string, number> }).__draws }));
}

async function loadAll(page: Page): Promise<void> {
  for (const m of await trainedMessages()) await post(page, m);
  await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
  await page.waitForFunction(() => document.querySelectorAll('#trav-labels span').length === 8);
}

test('an epoch tick or a status redraws the curves and diagnostics but decodes nothing; a setting redraws only its view', { timeout: 120_000 }, async () => {
  const model = (await trainedMessages())[0] as Model;
  await withPage('', async ({ page, problems }) => {
    await loadAll(page);
    const draws = await countDraws(page);
    const lossBefore = await inkedPixels(page, 'loss');
    const last = model.epochs.at(-1)!;
    // the same KL per dimension: the traversal's rows keep their order, so nothing needs decoding
    await post(page, { type: 'epoch', metrics: { ...last, epoch: 4, train: { ...last.train, negElbo: last.train.negElbo - 40 } } });
    await page.waitForFunction(() => /epoch 4\//.test(document.getElementById('status')!.textContent ?? ''));
    await post(page, { type: 'status', status: 'training', message: 'still going' });
    await page.waitForFunction(() => /still going/.test(document.getElementById('status')!.textContent ?? ''));
    assert.notEqual(await inkedPixels(page, 'loss'), lossBefore, 'the loss chart has the new point');
    assert.equal((await page.$$eval('#klheat', (c) => (c[0] as HTMLCanvasElement).width)), 4 * 14, 'the KL heatmap has the new column');
    const afterTick = await draws();
    for (const id of ['samples', 'interp', 'traverse', 'recon', 'enc-edited', 'enc-original', 'map']) assert.equal(afterTick[id] ?? 0, 0, `${id} is not redrawn by an epoch tick or a status`);
    // a setting of one view redraws that view only
    await page.locator('#temperature').fill('0.5');
    await page.check('input[name=trav-center][value=origin]');
    const afterSettings = await draws();
    assert.ok((afterSettings.samples ?? 0) > 0, 'the temperature redraws the samples (so the counter counts)');
    assert.ok((afterSettings.traverse ?? 0) > 0, 'the centre redraws the traversal');
    for (const id of ['interp', 'recon', 'enc-edited']) assert.equal(afterSettings[id] ?? 0, 0, `${id} is not redrawn by another view's setting`);
    // an epoch whose KL reorders the dimensions does change the traversal's rows, and still not the samples
    const klPerDim = last.validation!.klPerDim.map((v, d) => (d === 0 ? 100 : v));
    await post(page, { type: 'epoch', metrics: { ...last, epoch: 5, validation: { ...last.validation!, klPerDim } } });
    await page.waitForFunction(() => document.querySelector('#trav-labels span')?.textContent === 'z0');
    const afterReorder = await draws();
    assert.ok(afterReorder.traverse! > afterSettings.traverse!, 'new rows are decoded');
    assert.equal(afterReorder.samples, afterSettings.samples, 'the samples are not');
    // a theme change redraws what uses theme colours, not what decodes
    // (the observer runs as a microtask of this evaluate, so its redraws are done when it returns)
    await page.evaluate(() => (document.body.className = 'vscode-light'));
    assert.equal((await draws()).samples, afterSettings.samples, 'a theme change decodes nothing');
    assert.deepEqual(problems, []);
  });
});

test('a 256×256 RGB model draws its reconstructions', { timeout: 60_000 }, async () => {
  const model = (await trainedMessages())[0] as Model;
  const [h, w, c, n] = [256, 256, 3 as const, 8];
  const per = h * w * c;
  const originals = new Uint8Array(n * per);
  const reconstructions = new Uint8Array(n * per);
  for (let i = 0; i < n; i++) {
    originals.fill(20 + 25 * i, i * per, (i + 1) * per);
    reconstructions.fill(230 - 25 * i, i * per, (i + 1) * per);
  }
  await withPage('', async ({ page, problems }) => {
    const summary = { ...model.summary, model: { ...model.summary.model, inputShape: [h, w, c] as [number, number, number] } };
    await post(page, { type: 'model', summary, epochs: model.epochs });
    await post(page, {
      type: 'preview',
      preview: { order: 'spread', errors: new Array<number>(n).fill(1), height: h, width: w, channels: c, count: n, originals, reconstructions, sources: new Array<string>(n).fill('/d/x.png') },
    });
    await page.waitForFunction(() => /Anomaly score/.test(document.getElementById('recon-note')!.textContent ?? ''));
    // the centre of each tile: inputs in the first row, their reconstructions in the second (3× scale, 4 px gaps)
    const centres = await page.evaluate(([size, count]) => {
      const canvas = document.getElementById('recon') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const cell = size * 3 + 4;
      const at = (col: number, row: number) => ctx.getImageData(4 + col * cell + (size * 3) / 2, 4 + row * cell + (size * 3) / 2, 1, 1).data[1];
      return { width: canvas.width, inputs: Array.from({ length: count }, (_, i) => at(i, 0)), outputs: Array.from({ length: count }, (_, i) => at(i, 1)) };
    }, [h, n]);
    assert.equal(centres.width, n * (h * 3 + 4) + 4);
    assert.deepEqual(centres.inputs, Array.from({ length: n }, (_, i) => 20 + 25 * i));
    assert.deepEqual(centres.outputs, Array.from({ length: n }, (_, i) => 230 - 25 * i));
    assert.deepEqual(problems, [], 'no error drawing 196 608 values per image');
  });
});

test('a reloaded page comes back from its persisted state (kept as JSON, typed arrays included)', { timeout: 90_000 }, async () => {
  await withPage('', async ({ page, problems }) => {
    await loadAll(page);
    await page.locator('#temperature').fill('0.7');
    const saved = await page.evaluate(() => JSON.stringify((window as unknown as { __state: unknown }).__state));
    const recon = await inkedPixels(page, 'recon');
    await page.addInitScript(`window.__state = JSON.parse(${JSON.stringify(saved)});`);
    await page.reload();
    await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
    assert.equal(await inkedPixels(page, 'recon'), recon, 'the reconstructions are drawn from the restored preview');
    assert.equal(await page.inputValue('#temperature'), '0.7');
    assert.equal(await page.isVisible('#encode-section'), true, 'the encoded image is back');
    const state = await page.evaluate(() => (window as unknown as { __state: { modelDir: string } }).__state);
    assert.equal(state.modelDir, '/models/fashion-mnist-sample', 'the serializer still finds the model');
    assert.deepEqual(problems, []);
  });
});

test('the page refuses a host message that does not fit its declaration, says why, and draws nothing from it', { timeout: 60_000 }, async () => {
  const { preview } = (await trainedMessages())[1] as Extract<HostToPage, { type: 'preview' }>;
  await withPage('', async ({ page, problems }) => {
    const empty = await inkedPixels(page, 'recon');
    const twoErrors = new Promise<void>((resolve) => {
      let n = 0;
      page.on('console', (m) => m.type() === 'error' && ++n === 2 && resolve());
    });
    // pixels as plain lists (the shape webview messages had when they were JSON), and a message outside the envelope
    await post(page, { type: 'preview', preview: { ...preview, originals: Array.from(preview.originals) } } as never);
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'preview', preview } as never);
    // messages are handled in order: once this notice shows, the two before it were handled
    await post(page, { type: 'notice', text: 'probe' });
    await page.waitForFunction(() => document.getElementById('recon-note')!.textContent === 'probe');
    await twoErrors;
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /refused a message from the host: message\.preview\.originals must be a Uint8Array, not an array/);
    assert.match(problems[1], /refused a message from the host: .*envelope/);
    assert.equal(await inkedPixels(page, 'recon'), empty, 'nothing is drawn: the note still shows the notice, not a preview');
  });
});
