// The k-NN inspector section in headless Chromium: it asks for an image's neighbours when the latent map says
// 'le:select-image', when a reconstruction's input or a search hit is chosen, and again with a new k or metric;
// it draws the answer as keyboard-operable buttons (arrows move, Enter walks on to that image) with a table, and
// says why when the host could not answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { HostToPage } from '../../src/protocol/webview';
import type { Neighbours } from '../../src/protocol/neighbours';
import { post, trainedMessages, withPage } from './harness';

type Preview = Extract<HostToPage, { type: 'preview' }>['preview'];

const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: { type?: string }[] }).__posted);
async function lastPosted(page: Page, type: string): Promise<Record<string, unknown>> {
  await page.waitForFunction((t) => (window as unknown as { __posted: { type?: string }[] }).__posted.some((m) => m.type === t), type);
  return (await posted(page)).filter((m) => m.type === type).at(-1) as Record<string, unknown>;
}
const clearPosted = (page: Page) => page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));

/** An answer built from the preview's images: query = image 0, neighbours = images 1…k at growing distances. */
function answer(p: Preview, k: number, metric: 'euclidean' | 'cosine'): Neighbours {
  const per = p.height * p.width * p.channels;
  return {
    query: { index: 100, path: 'Bag/q.png', label: 'Bag' }, metric, k, total: 3000, height: p.height, width: p.width, channels: p.channels,
    neighbours: Array.from({ length: k }, (_, i) => ({ image: { index: 200 + i, path: `Coat/n${i}.png`, label: 'Coat' }, distance: 0.25 * (i + 1) })),
    pixels: p.originals.slice(0, (k + 1) * per),
  };
}

test('the neighbours section asks, draws, walks by keyboard and searches by name', { timeout: 180_000 }, async () => {
  const messages = await trainedMessages();
  const preview = (messages.find((m) => m.type === 'preview') as Extract<HostToPage, { type: 'preview' }>).preview;
  await withPage('', async ({ page, problems }) => {
    for (const m of messages) await post(page, m);
    await page.waitForFunction(() => document.querySelectorAll('#nn-from-recon button').length === 16);
    await clearPosted(page);

    // a reconstruction's input, by its source path
    await page.click('#nn-from-recon button >> nth=2');
    assert.deepEqual(await lastPosted(page, 'requestNeighbours'), { type: 'requestNeighbours', k: 8, metric: 'euclidean', source: preview.sources[2] });
    // the latent map's contract: a document event with the image's dataset index
    await page.evaluate(() => document.dispatchEvent(new CustomEvent('le:select-image', { detail: { index: 42 } })));
    assert.deepEqual(await lastPosted(page, 'requestNeighbours'), { type: 'requestNeighbours', k: 8, metric: 'euclidean', index: 42 });
    assert.match((await page.textContent('#nn-note')) ?? '', /Finding the nearest images/);

    await post(page, { type: 'neighbours', result: answer(preview, 8, 'euclidean'), problem: '' });
    await page.waitForFunction(() => document.querySelectorAll('#nn-list li button').length === 8);
    assert.equal(await page.textContent('#nn-query-label'), 'Bag/q.png (Bag)');
    assert.match((await page.textContent('#nn-note')) ?? '', /The 8 nearest of 3000 images to Bag\/q\.png by Euclidean distance/);
    assert.equal(await page.getAttribute('#nn-list li:nth-child(3) button', 'aria-label'), '3. Coat/n2.png (Coat), distance 0.750; Enter shows its nearest images');
    assert.deepEqual(await page.$$eval('#nn-table tbody tr', (rows) => rows.map((r) => r.textContent)), Array.from({ length: 8 }, (_, i) => `${i + 1}Coat/n${i}.pngCoat${(0.25 * (i + 1)).toFixed(4)}`));
    // the thumbnails are the answer's pixels: the query's canvas is drawn
    assert.ok(await page.$eval('#nn-query', (c) => (c as HTMLCanvasElement).width > 10));

    // keyboard: focus the first neighbour, move right twice, Enter walks on to that image
    await clearPosted(page);
    await page.focus('#nn-list li:nth-child(1) button');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.slice(0, 2)), '3.');
    await page.keyboard.press('Enter');
    assert.deepEqual(await lastPosted(page, 'requestNeighbours'), { type: 'requestNeighbours', k: 8, metric: 'euclidean', index: 202 });

    // a new metric or k asks again for the same image
    await clearPosted(page);
    await page.check('input[name=nn-metric][value=cosine]');
    assert.deepEqual(await lastPosted(page, 'requestNeighbours'), { type: 'requestNeighbours', k: 8, metric: 'cosine', index: 202 });
    await clearPosted(page);
    await page.fill('#nn-k', '3');
    await page.dispatchEvent('#nn-k', 'change');
    assert.deepEqual(await lastPosted(page, 'requestNeighbours'), { type: 'requestNeighbours', k: 3, metric: 'cosine', index: 202 });
    await post(page, { type: 'neighbours', result: answer(preview, 3, 'cosine'), problem: '' });
    await page.waitForFunction(() => document.querySelectorAll('#nn-list li button').length === 3);
    assert.match((await page.$eval('#nn-table thead', (t) => t.textContent)) ?? '', /Cosine distance/);

    // search by file name: Enter in the box asks; the hits are buttons that ask for their neighbours
    await page.fill('#nn-search', 'coat/n');
    await page.press('#nn-search', 'Enter');
    assert.deepEqual(await lastPosted(page, 'searchImages'), { type: 'searchImages', query: 'coat/n' });
    const per = preview.height * preview.width;
    await post(page, {
      type: 'imageSearch',
      result: { query: 'coat/n', matches: 120, height: 28, width: 28, channels: 1, hits: [{ index: 7, path: 'Coat/n1.png', label: 'Coat' }, { index: 9, path: 'Coat/n2.png', label: 'Coat' }], pixels: preview.originals.slice(0, 2 * per) },
      problem: '',
    });
    await page.waitForFunction(() => document.querySelectorAll('#nn-hits button').length === 2);
    assert.match((await page.textContent('#nn-note')) ?? '', /120 images match “coat\/n”; the first 2 are shown\./);
    await clearPosted(page);
    await page.focus('#nn-hits button >> nth=0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    assert.deepEqual(await lastPosted(page, 'requestNeighbours'), { type: 'requestNeighbours', k: 3, metric: 'cosine', index: 9 });

    // a failed request says why and keeps the last answer
    await post(page, { type: 'neighbours', result: null, problem: 'The nearest-neighbour search needs the training data: it is gone.' });
    await page.waitForFunction(() => /needs the training data/.test(document.getElementById('nn-note')!.textContent ?? ''));
    assert.equal(await page.locator('#nn-list li').count(), 3);
    // the header's Export Latents… asks the host
    await page.click('#export-latents');
    assert.deepEqual(await lastPosted(page, 'exportLatents'), { type: 'exportLatents' });
    assert.deepEqual(problems, []);
  });
});
