// The latent map without a cap: 100 000 synthetic points drawn by WebGL (and by the 2-D canvas when WebGL is
// missing), the first draw and the frame time while panning measured in the page by the page itself (like the
// latent pad's decode latency, test/webview/decodeLatency.test.ts) and written to out/measurements/map-frames.json
// for bench/mapFrames.mjs and BENCHMARKS.md; then pan, zoom, isolate, the keyboard, the selection event, the
// tooltip and the lazily fetched thumbnails on the real small model's map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { HostToPage } from '../../src/protocol/webview';
import { loadDataset, subsetDataset } from '../../src/data';
import { inkedPixels, post, repo, trainedMessages, withPage } from './harness';

const POINTS = 100_000;
const MOVES = 120;
const W = 640;
const H = 480;

interface Frames {
  renderer: string;
  firstDraw: number;
  postToDrawn: number;
  p95: number;
  count: number;
}

/** Builds a 100 000-point map of ten Gaussian clusters in the page and posts it as the host would; resolves when drawn. */
async function postSyntheticMap(page: Page): Promise<number> {
  return page.evaluate((n) => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
    const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    const points = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = i % 10;
      labels[i] = k;
      points[2 * i] = 4 * Math.cos(k * 0.628) + gauss();
      points[2 * i + 1] = 4 * Math.sin(k * 0.628) + gauss();
    }
    const map = {
      method: 'pca', count: n, height: 28, width: 28, channels: 1, points, labels, labelNames: Array.from({ length: 10 }, (_, k) => `class ${k}`),
      axisNames: ['PC 1', 'PC 2'], fitted: 0, mean: [0, 0], components: [[1, 0], [0, 1]], variances: [9, 9], totalVariance: 20,
      sources: Array.from({ length: n }, (_, i) => `synthetic/${i}.png`),
    };
    const frames = document.getElementById('map-frames')!;
    delete frames.dataset.firstDraw;
    const started = performance.now();
    window.postMessage({ kind: 'notify', message: { type: 'latentMap', map } }, '*');
    return new Promise<number>((resolve) => {
      const watch = new MutationObserver(() => {
        if (frames.dataset.firstDraw) {
          watch.disconnect();
          resolve(performance.now() - started);
        }
      });
      watch.observe(frames, { attributes: true });
    });
  }, POINTS);
}

/** Drags across the map `MOVES` times, one pointer event per position, and reads the page's frame meter. */
async function panAndMeasure(page: Page, postToDrawn: number): Promise<Frames> {
  await page.locator('#map').scrollIntoViewIfNeeded();
  const box = (await page.locator('#map').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i < MOVES; i++) {
    const t = i / (MOVES - 1);
    await page.mouse.move(box.x + box.width / 2 + Math.sin(t * 6.28) * box.width * 0.3, box.y + box.height / 2 + Math.cos(t * 6.28) * box.height * 0.3);
  }
  await page.mouse.up();
  await page.waitForFunction(() => Number(document.getElementById('map-frames')!.dataset.count) >= 10);
  // the last pan frame is drawn on the next animation frame after the last move
  return page.evaluate((p) => {
    const f = document.getElementById('map-frames')!.dataset;
    return { renderer: f.renderer!, firstDraw: Number(f.firstDraw), postToDrawn: p, p95: Number(f.p95), count: Number(f.count) };
  }, postToDrawn);
}

/** The canvas pixel of plane point (x, y) right after a map arrives: the camera fits the points with 16 px to spare. */
function fitted(points: Float32Array): (i: number) => [number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  const s = Math.min((W - 32) / (x1 - x0), (H - 32) / (y1 - y0));
  return (i) => [(points[2 * i] - (x0 + x1) / 2) * s + W / 2, H / 2 - (points[2 * i + 1] - (y0 + y1) / 2) * s];
}

const results: Record<string, Frames> = {};

test('100 000 points: WebGL draws every one; first draw and pan frame time are measured in the page', { timeout: 180_000 }, async () => {
  await withPage('', async ({ page, problems }) => {
    const postToDrawn = await postSyntheticMap(page);
    assert.match((await page.textContent('#map-note')) ?? '', /PCA of μ\(x\) for 100000 images/);
    assert.ok((await inkedPixels(page, 'map')) > 5000, 'the clusters are drawn');
    const r = await panAndMeasure(page, postToDrawn);
    assert.equal(r.renderer, 'webgl');
    assert.ok(r.count >= 10, `${r.count} frames recorded while panning`);
    assert.match((await page.textContent('#map-frames')) ?? '', /^100000 points drawn by WebGL; first draw \d+\.\d ms; frame p95 \d+\.\d ms over the last \d+ frames/);
    // the p95 < 16 ms target is a measurement (BENCHMARKS.md quotes out/measurements/); on this shared machine the
    // test holds frames only to a bound that a per-point JavaScript loop per frame would break under any load
    assert.ok(r.p95 < 250, `p95 ${r.p95} ms`);
    results.webgl = r;
    assert.deepEqual(problems, []);
  });
});

test('without WebGL the 2-D canvas draws the same 100 000 points (measured the same way)', { timeout: 180_000 }, async () => {
  await withPage('', async ({ page, problems }) => {
    // a webview whose GPU process is off: no WebGL context at all
    await page.addInitScript(`{
      const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return /webgl/.test(kind) ? null : get.call(this, kind, ...rest); };
    }`);
    await page.reload();
    const postToDrawn = await postSyntheticMap(page);
    assert.ok((await inkedPixels(page, 'map')) > 5000, 'the clusters are drawn');
    const r = await panAndMeasure(page, postToDrawn);
    assert.equal(r.renderer, 'canvas2d');
    assert.match((await page.textContent('#map-frames')) ?? '', /drawn by the 2-D canvas/);
    results.canvas2d = r;
    assert.deepEqual(problems, []);
  });
  const out = join(repo, 'out', 'measurements');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'map-frames.json'),
    JSON.stringify({ measured: new Date().toISOString(), command: 'node --import tsx --test test/webview/latentMap.test.ts (headless Chromium, SwiftShader WebGL)', points: POINTS, moves: MOVES, results }, null, 2),
  );
  console.log(`map frames: ${JSON.stringify(results)}`);
});

test('the real map: legend isolates a class (mouse and keyboard), pan and zoom move the camera, a click selects (le:select-image) and thumbnails arrive on request', { timeout: 300_000 }, async () => {
  const messages = await trainedMessages();
  const { map } = messages[4] as Extract<HostToPage, { type: 'latentMap' }>;
  const at = fitted(map.points);
  await withPage('', async ({ page, problems }) => {
    for (const m of messages) await post(page, m);
    await page.waitForFunction(() => document.getElementById('map-frames')!.dataset.firstDraw !== undefined);
    await page.evaluate(() => {
      (window as unknown as { __selected: number[] }).__selected = [];
      document.addEventListener('le:select-image', (e) => (window as unknown as { __selected: number[] }).__selected.push((e as CustomEvent<{ index: number }>).detail.index));
    });
    await page.locator('#map').scrollIntoViewIfNeeded();
    const box = (await page.locator('#map').boundingBox())!;
    const screen = ([x, y]: [number, number]) => [box.x + (x * box.width) / W, box.y + (y * box.height) / H] as const;
    const inked = () => inkedPixels(page, 'map');
    const all = await inked();
    // the legend: one button per label with its count; pressing one shows only that class
    const keys = page.locator('#map-legend button');
    assert.equal(await keys.count(), 10);
    const label7 = map.labels![7];
    const count7 = map.labels!.filter((l) => l === label7).length;
    assert.equal(await keys.nth(label7).textContent(), `${map.labelNames[label7]} (${count7})`);
    const frames = () => page.evaluate(() => Number(document.getElementById('map-frames')!.dataset.frames));
    const before = await frames();
    await keys.nth(label7).click();
    assert.equal(await keys.nth(label7).getAttribute('aria-pressed'), 'true');
    await page.waitForFunction((n) => Number(document.getElementById('map-frames')!.dataset.frames) > n, before);
    const isolated = await inked();
    assert.ok(isolated < all && isolated > 0, `one class inks less than all: ${isolated} of ${all}`);
    // hover another class's point: hidden points do not answer
    const other = Array.from(map.labels!).findIndex((l) => l !== label7);
    await page.mouse.move(...screen(at(other)));
    assert.ok((await page.textContent('#map-tip')) !== `${map.sources[other]} — ${map.labelNames[map.labels![other]]}` || (await page.isHidden('#map-tip')));
    // the keyboard: Escape on the legend shows every class again
    await keys.nth(label7).focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => [...document.querySelectorAll('#map-legend button')].every((b) => b.getAttribute('aria-pressed') === 'false'));
    await page.keyboard.press('Enter');
    assert.equal(await keys.nth(label7).getAttribute('aria-pressed'), 'true', 'Enter on a legend entry isolates it');
    await page.keyboard.press('Enter');
    assert.equal(await keys.nth(label7).getAttribute('aria-pressed'), 'false', 'and again shows all');

    // hover image 7: the tooltip names its file and label; its image is asked for, not sent with the map
    await page.mouse.move(...screen(at(7)));
    assert.equal(await page.textContent('#map-tip'), `${map.sources[7]} — ${map.labelNames[label7]}`);
    const asked = await page.evaluate(() => (window as unknown as { __posted: { type: string; indices?: Int32Array }[] }).__posted.filter((m) => m.type === 'requestMapImages').map((m) => Array.from(m.indices!)));
    assert.deepEqual(asked.at(-1), [7]);
    assert.ok(asked.every((a) => a.length === 1), 'at the whole map only hovered images are asked for');
    // click it: the page hears le:select-image with the dataset index, the selection is described, the plane decodes
    await page.mouse.click(...screen(at(7)));
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __selected: number[] }).__selected), [7]);
    assert.match((await page.textContent('#map-selected')) ?? '', new RegExp(`^Selected image 7: ${map.sources[7].replace(/[.#]/g, '\\$&')}, ${map.labelNames[label7]}, at \\(`));
    assert.match((await page.textContent('#map-decoded-label')) ?? '', /^decoded at \(/);

    // arrow keys pan: image 7 moves right by a tenth of the canvas, and hover finds it there
    await page.focus('#map');
    await page.keyboard.press('ArrowLeft');
    const panned: [number, number] = [at(7)[0] + 0.1 * W, at(7)[1]];
    await page.mouse.move(...screen(panned));
    assert.equal(await page.textContent('#map-tip'), `${map.sources[7]} — ${map.labelNames[label7]}`);
    // + zooms in about the centre: image 7 moves away from it by the zoom step; 0 fits the map again
    await page.focus('#map');
    await page.keyboard.press('+');
    const zoomed: [number, number] = [W / 2 + (panned[0] - W / 2) * 1.25, H / 2 + (panned[1] - H / 2) * 1.25];
    await page.mouse.move(...screen(zoomed));
    assert.equal(await page.textContent('#map-tip'), `${map.sources[7]} — ${map.labelNames[label7]}`);
    await page.focus('#map');
    await page.keyboard.press('0');
    await page.mouse.move(...screen(at(7)));
    assert.equal(await page.textContent('#map-tip'), `${map.sources[7]} — ${map.labelNames[label7]}`);
    // the wheel zooms about the pointer: image 7 stays under it, and once few points are in view their images are asked for
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -400);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'requestMapImages').length >= 2);
    await page.mouse.move(...screen(at(7)));
    assert.equal(await page.textContent('#map-tip'), `${map.sources[7]} — ${map.labelNames[label7]}`);
    const wanted = await page.evaluate(() => (window as unknown as { __posted: { type: string; indices?: Int32Array }[] }).__posted.filter((m) => m.type === 'requestMapImages').at(-1)!.indices!.length);
    assert.ok(wanted > 0 && wanted <= 100, `${wanted} thumbnails asked for, never the whole map`);

    // Shift + arrow keys move a cursor between images; Enter selects the one under it
    await page.focus('#map');
    await page.keyboard.press('Shift+ArrowRight');
    assert.notEqual(await page.textContent('#map-hover-label'), 'hover a dot');
    await page.keyboard.press('Enter');
    assert.equal((await page.evaluate(() => (window as unknown as { __selected: number[] }).__selected)).length, 2);
    assert.deepEqual(problems, []);
  });
});

test('zoomed in, the thumbnails of the points in view are drawn once the host sends them; a UMAP click decodes the image’s own code', { timeout: 300_000 }, async () => {
  const messages = await trainedMessages();
  const { map } = messages[4] as Extract<HostToPage, { type: 'latentMap' }>;
  // the map is a prefix of the bundled sample: image i of the map is image i of the folder
  const ds = await loadDataset(join(repo, 'samples/fashion-mnist'));
  const at = fitted(map.points);
  await withPage('', async ({ page, problems }) => {
    // a host: every requestMapImages is answered with the real images and made-up codes (12 latents)
    await page.exposeFunction('__host', async (indices: number[]) => {
      const sub = subsetDataset(ds, indices);
      const codes = Float32Array.from({ length: indices.length * 12 }, (_, k) => Math.sin(k) * 2);
      await post(page, { type: 'mapImages', images: { indices: Int32Array.from(indices), height: 28, width: 28, channels: 1, pixels: sub.images, codes } });
    });
    await page.evaluate(() => {
      const w = window as unknown as { __posted: { type: string; indices?: Int32Array }[]; __host(i: number[]): void };
      const push = w.__posted.push.bind(w.__posted);
      w.__posted.push = (...ms) => {
        for (const m of ms) if (m?.type === 'requestMapImages') void w.__host(Array.from(m.indices!));
        return push(...ms);
      };
    });
    for (const m of messages) await post(page, m);
    await page.waitForFunction(() => document.getElementById('map-frames')!.dataset.firstDraw !== undefined);
    await page.locator('#map').scrollIntoViewIfNeeded();
    const box = (await page.locator('#map').boundingBox())!;
    const screen = ([x, y]: [number, number]) => [box.x + (x * box.width) / W, box.y + (y * box.height) / H] as const;
    assert.equal(await inkedPixels(page, 'map-over'), 0, 'no thumbnails at the whole map');
    await page.mouse.move(...screen(at(7)));
    // zoom in step by step until few enough points are in view for their images to be asked for
    const asked = () => page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'requestMapImages' && (m as unknown as { indices: Int32Array }).indices.length > 1));
    for (let i = 0; i < 40 && !(await asked()); i++) await page.mouse.wheel(0, -150);
    assert.ok(await asked(), 'zoomed in, the images in view are asked for');
    await page.waitForFunction(() => {
      const c = document.getElementById('map-over') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
      return n > 2000;
    });
    if (process.env.LATENT_EXPLORER_SCREENSHOTS) await page.locator('section[aria-labelledby="map-h"]').screenshot({ path: join(repo, 'docs/screenshots/latentMap-zoomed-dark.png'), animations: 'disabled' });
    // the hover figure shows image 7 once its pixels arrived
    await page.mouse.move(...screen(at(7)));
    await page.waitForFunction(() => (document.getElementById('map-hover') as HTMLCanvasElement).width > 10);
    assert.ok((await inkedPixels(page, 'map-hover')) > 100);
    // UMAP has no inverse: a click decodes the clicked image's own μ, fetched with its thumbnail
    await post(page, { type: 'latentMap', map: { ...map, method: 'umap', fitted: map.count, axisNames: ['UMAP 1', 'UMAP 2'] } });
    await page.waitForFunction(() => /UMAP of μ\(x\)/.test(document.getElementById('map-note')!.textContent ?? ''));
    await page.mouse.click(...screen(at(7)));
    await page.waitForFunction(() => /^decoded μ of image 7/.test(document.getElementById('map-decoded-label')!.textContent ?? ''));
    assert.ok((await inkedPixels(page, 'map-decoded')) > 100);
    assert.deepEqual(problems, []);
  });
});

test('the controls ask for UMAP on every image or a custom axis, show the progress and cancel', { timeout: 300_000 }, async () => {
  const messages = await trainedMessages();
  const { map } = messages[4] as Extract<HostToPage, { type: 'latentMap' }>;
  await withPage('', async ({ page, problems }) => {
    await post(page, messages[0]);
    await post(page, { type: 'latentMap', map });
    await page.waitForFunction(() => document.getElementById('map-frames')!.dataset.firstDraw !== undefined);
    const last = () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted.at(-1));
    assert.equal(await page.isHidden('#map-all-label'), true);
    await page.selectOption('#map-method', 'umap');
    await page.check('#map-all');
    await page.click('#map-compute');
    assert.deepEqual(await last(), { type: 'requestLatentMap', method: 'umap', umapAll: true });
    await post(page, { type: 'mapProgress', progress: { stage: 'layout', done: 50, total: 200 } });
    await page.waitForFunction(() => !document.getElementById('map-busy')!.hidden);
    assert.equal(await page.textContent('#map-stage'), 'UMAP layout 50 / 200');
    assert.equal(await page.evaluate(() => (document.getElementById('map-progress') as HTMLProgressElement).position), 0.25);
    await page.click('#map-cancel');
    assert.deepEqual(await last(), { type: 'cancelLatentMap' });
    await post(page, { type: 'notice', text: 'No latent map: The latent map was cancelled.' });
    await page.waitForFunction(() => document.getElementById('map-busy')!.hidden);
    // a custom projection: x from one label's centroid to another's, y PCA of the rest or a second pair
    await page.selectOption('#map-method', 'custom');
    assert.equal(await page.isVisible('#map-axes'), true);
    await page.selectOption('#map-x0', '5');
    await page.selectOption('#map-x1', '7');
    await page.click('#map-compute');
    assert.deepEqual(await last(), { type: 'requestLatentMap', method: 'custom', axes: { x: [5, 7], y: null } });
    assert.equal(await page.isDisabled('#map-compute'), true, 'one map at a time');
    await post(page, { type: 'latentMap', map: { ...map, method: 'custom', axisNames: ['a → b', 'PC 1 ⟂'] } });
    await page.waitForFunction(() => /x: a → b, y: PC 1 ⟂/.test(document.getElementById('map-note')!.textContent ?? ''));
    await page.selectOption('#map-y0', '0');
    await page.selectOption('#map-y1', '9');
    await page.click('#map-compute');
    assert.deepEqual(await last(), { type: 'requestLatentMap', method: 'custom', axes: { x: [5, 7], y: [0, 9] } });
    assert.deepEqual(problems, []);
  });
});
