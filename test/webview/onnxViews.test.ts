// Every view of the panel on an imported ONNX model (issue 13): the model is one of ours exported to ONNX and imported
// back with the sample as its data (importedModel.ts); the page runs its files in onnxruntime-web, the job's answers
// (reconstructions, map, statistics, encoding, metrics) come from the same imported folder. The page's ONNX answers
// arrive asynchronously, so each check waits for the pixels it expects instead of reading them once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { inkedPixels, post, tileValues, waitForInk, withPage } from './harness';
import { importedModel } from './importedModel';

/** Waits until tile `index` of a grid canvas is within `tolerance` of `expected` (red channel, as tileValues reads it). */
async function tileNear(page: Page, id: string, index: number, cols: number, expected: ArrayLike<number>, tolerance = 3): Promise<void> {
  await page.waitForFunction(
    ([canvasId, i, c, want, tol]) => {
      const canvas = document.getElementById(canvasId as string) as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const n = 28;
      const x0 = 4 + ((i as number) % (c as number)) * (n * 3 + 4);
      const y0 = 4 + Math.floor((i as number) / (c as number)) * (n * 3 + 4);
      const data = ctx.getImageData(x0, y0, n * 3, n * 3).data;
      for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (Math.abs(data[((y * 3 + 1) * n * 3 + x * 3 + 1) * 4] - (want as number[])[y * n + x]) > (tol as number)) return false;
      return true;
    },
    [id, index, cols, Array.from(expected), tolerance] as const,
    { timeout: 60_000 },
  );
}

const maxDiff = (x: number[], y: number[]) => Math.max(...x.map((v, k) => Math.abs(v - y[k])));

test('every view of the panel works on an imported ONNX model', { timeout: 600_000 }, async () => {
  const m = await importedModel();
  const { summary } = m.model;
  const evaluation = summary.evaluation;
  assert.ok(evaluation, 'the import measured the model on its data');
  const per = 28 * 28;
  const recon = (i: number) => m.preview.preview.reconstructions.slice(i * per, (i + 1) * per);
  await withPage('', async ({ page, problems }) => {
    for (const msg of [m.model, m.preview, m.decoder, m.latentStats]) await post(page, msg);
    await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''), undefined, { timeout: 120_000 });

    // overview: where the model came from, and what cannot be known about it
    const facts = (await page.textContent('#facts')) ?? '';
    assert.match(facts, /VAE imported from ONNX/);
    assert.match(facts, /encoder\.onnx \(latent-explorer/);
    assert.match(facts, /decoder\.onnx \(latent-explorer/);
    assert.ok(facts.includes(`−ELBO${evaluation.negElbo.toFixed(2)} nats (reconstruction ${evaluation.recon.toFixed(2)}, KL ${evaluation.kl.toFixed(2)}), measured on ${evaluation.nImages} images at import`), facts);
    // curves: no empty chart, but why there is none
    assert.equal(await page.isVisible('#loss'), false, 'no empty loss chart');
    assert.equal(await page.textContent('#curves-note'), 'No training history: imported from encoder.onnx and decoder.onnx, trained elsewhere, so its loss curves are not known here.');

    // reconstructions: the job's, from the imported files
    assert.match((await page.textContent('#recon-note')) ?? '', /Anomaly score/);
    assert.ok((await inkedPixels(page, 'recon')) > 1000, 'the reconstructions are drawn');

    // samples: decoded in the page by onnxruntime-web
    await waitForInk(page, 'samples', 60_000);

    // samples from the aggregate posterior: the job's mixture fitted to the imported model's μ, decoded in the page
    await waitForInk(page, 'samples-agg', 60_000);

    // the k-NN inspector: a reconstruction asks for its neighbours, the job's answer over the imported model's μ shows
    await page.click('#nn-from-recon button >> nth=0');
    await page.waitForFunction(() => (window as unknown as { __posted: { type?: string }[] }).__posted.some((p) => p.type === 'requestNeighbours'));
    await post(page, { type: 'neighbours', result: m.neighbours, problem: '' });
    await page.waitForFunction(() => document.querySelectorAll('#nn-list li button').length === 8);
    assert.match((await page.textContent('#nn-note')) ?? '', /The 8 nearest of 3000 images/);

    // KL per dimension and the collapse verdict: from the import's measurement on the data, no training history
    assert.equal((await page.$$('.klbar')).length, 10, 'a bar per latent dimension');
    assert.match((await page.textContent('#active')) ?? '', new RegExp(`measured on ${evaluation.nImages} images at import; active units ${evaluation.activeUnits}/10`));
    assert.ok(((await page.textContent('#verdict')) ?? '').length > 10, 'a verdict');
    assert.equal(await page.isVisible('#remedies'), false, 'no retraining remedies: the model was trained elsewhere');
    assert.match((await page.textContent('#kl-history-note')) ?? '', /No training history/);

    // interpolation: inputs 3 and 5 through the page's ONNX encoder and decoder; the ends are the job's reconstructions
    await page.click('#picker .pick:nth-child(4)');
    await page.click('#picker .pick:nth-child(6)');
    await tileNear(page, 'interp', 0, 8, recon(3));
    await tileNear(page, 'interp', 7, 8, recon(5));

    // traversals: rows in decreasing KL order (the import's KL per dimension), each row a change along its dimension
    const byKl = evaluation.klPerDim.map((v, d) => [v, d] as const).sort((x, y) => y[0] - x[0]).slice(0, 8).map(([, d]) => `z${d}`);
    await page.waitForFunction(() => document.querySelectorAll('#trav-labels span').length === 8);
    assert.deepEqual(await page.$$eval('#trav-labels span', (els) => els.map((e) => e.textContent)), byKl);
    await page.waitForFunction(() => {
      const c = document.getElementById('traverse') as HTMLCanvasElement;
      const g = c.getContext('2d')!;
      // the first row's two ends (tiles 0 and 8 of 9): the highest-KL dimension at −3 and +3 decodes differently
      const a = g.getImageData(4, 4, 84, 84).data;
      const b = g.getImageData(4 + 8 * 88, 4, 84, 84).data;
      let diff = 0;
      for (let i = 0; i < a.length; i += 4) diff = Math.max(diff, Math.abs(a[i] - b[i]));
      return diff > 20;
    }, undefined, { timeout: 60_000 });

    // the latent map: the job's PCA of μ over every image; a click decodes that point in the page
    await post(page, m.latentMap);
    await page.waitForFunction(() => /explains/.test(document.getElementById('map-note')!.textContent ?? ''));
    assert.ok((await inkedPixels(page, 'map')) > 500, 'dots are drawn');
    await page.locator('#map').scrollIntoViewIfNeeded();
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    assert.match((await page.textContent('#map-decoded-label')) ?? '', /decoded at/);
    await waitForInk(page, 'map-decoded', 60_000);

    // Encode Image: the job's encoding; the page's decode of μ is the job's reconstruction; a slider edits it
    await post(page, { type: 'encoded', encoding: m.encoded });
    assert.equal((await page.$$('#enc-dims .enc-row')).length, 10);
    await tileNear(page, 'enc-edited', 0, 1, m.encoded.reconstruction);
    const start = await tileValues(page, 'enc-edited', 0, 1, 28);
    const kls = m.encoded.mu.map((mu, d) => 0.5 * (mu * mu + Math.exp(m.encoded.logvar[d]) - 1 - m.encoded.logvar[d]));
    const d = kls.indexOf(Math.max(...kls));
    await page.locator(`#enc-z${d}`).fill(String(m.encoded.mu[d] > 0 ? -3 : 3));
    await page.waitForFunction((s) => {
      const c = document.getElementById('enc-edited') as HTMLCanvasElement;
      const g = c.getContext('2d')!;
      let diff = 0;
      for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) diff = Math.max(diff, Math.abs(g.getImageData(4 + x * 3 + 1, 4 + y * 3 + 1, 1, 1).data[0] - s[y * 28 + x]));
      return diff > 10;
    }, start, { timeout: 60_000 });
    assert.ok(maxDiff(await tileValues(page, 'enc-edited', 0, 1, 28), start) > 10, 'moving the highest-KL dimension changes the edited image');

    // metrics: the metrics job on the imported model
    await post(page, { type: 'metrics', report: m.metrics });
    await page.waitForFunction(() => document.querySelectorAll('#metrics-table tbody tr').length >= 6);
    const cells = await page.$$eval('#metrics-table tbody tr', (trs) => trs.map((tr) => tr.children[1]?.textContent ?? ''));
    assert.equal(cells[2], `${m.metrics.activeUnits}/10`);
    assert.deepEqual(problems, []);
  });
});
