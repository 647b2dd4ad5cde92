// Keyboard and screen readers, in headless Chromium on the pages the extension serves: Tab reaches every control
// in document order with a visible focus ring, the arrow keys work the reconstructions grid, the interpolation
// picker, the latent map and the side view's latent pad, every chart has its data as a table, and axe-core
// (run inside the page) finds no violation, of any impact, in the light and dark themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { HostToSide } from '../../src/protocol/sideView';
import type { HostToPage } from '../../src/protocol/webview';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { THEMES, inkedPixels, openPage, post, serve, trainedMessages, withPage } from './harness';

type Model = Extract<HostToPage, { type: 'model' }>;
type Posted = { __posted: unknown[] };

async function loadPanel(page: Page): Promise<void> {
  for (const m of await trainedMessages()) await post(page, m);
  await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
  await page.waitForFunction(() => document.querySelectorAll('#trav-labels span').length > 0 && document.querySelectorAll('#map-table tr').length > 0);
}

/** What the page's keyboard reaches, in document order: visible, enabled, one radio per group (the checked one). */
function expectedStops(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (e: Element) => (window as unknown as { __describe: (e: Element) => string }).__describe(e);
    const all = [...document.querySelectorAll('button, input, select, textarea, summary, a[href], [tabindex]')];
    return all
      .filter((e) => (e as HTMLElement).tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0)
      .filter((e) => !(e instanceof HTMLInputElement && e.type === 'radio' && !e.checked))
      .map(describe);
  });
}

/** A name for an element that stays the same between the expected list and the Tab walk. */
const DESCRIBE = `window.__describe = (e) => {
  if (!e || e === document.body) return 'body';
  if (e.id) return '#' + e.id;
  if (e.dataset && e.dataset.remedy) return 'remedy:' + e.dataset.remedy;
  if (e.name) return e.tagName.toLowerCase() + '[name=' + e.name + '][value=' + e.value + ']';
  if (e.tagName === 'SUMMARY') {
    const table = e.parentElement.querySelector('table');
    return table ? 'summary of #' + table.id : 'summary in #' + e.closest('section, header').querySelector('h1, h2').id;
  }
  if (e.classList.contains('pick')) return 'pick ' + [...e.parentElement.children].indexOf(e);
  if (e.classList.contains('model')) return 'model ' + e.textContent;
  return e.tagName.toLowerCase() + ':' + e.textContent;
};`;

/** Presses Tab from the top until focus leaves the page's controls; the names reached and each one's outline. */
async function tabWalk(page: Page, max: number): Promise<{ name: string; outline: string }[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: { name: string; outline: string }[] = [];
  for (let n = 0; n < max; n++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const a = document.activeElement!;
      const s = getComputedStyle(a);
      return { name: (window as unknown as { __describe: (e: Element) => string }).__describe(a), outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` };
    });
    if (at.name === 'body' || (seen.length && at.name === seen[0].name)) break;
    seen.push(at);
  }
  return seen;
}

async function lastPosted(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as Posted).__posted.at(-1));
}

/** axe-core's violations, any impact (the audit script is evaluated in the page: the panel's CSP admits only the
 * page's own nonce'd script, and evaluation from the test is not a page script). */
async function audit(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  // the tables behind "Show as table" are checked open
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = false)));
  return result;
}

test('the panel: Tab reaches every control in document order with a visible focus ring', { timeout: 240_000 }, async () => {
  await withPage('', async ({ page, problems }) => {
    await page.evaluate(DESCRIBE);
    await loadPanel(page);
    const expected = await expectedStops(page);
    for (const id of ['#recon', '#map', '#temperature', '#reroll', '#map-compute', '#map-method', 'summary of #loss-table', 'summary of #kl-table', 'summary of #map-table', 'pick 0', 'remedy:warmup', '#enc-reset'])
      assert.ok(expected.includes(id), `${id} is a tab stop`);
    const walk = await tabWalk(page, expected.length + 5);
    assert.deepEqual(walk.map((w) => w.name), expected, 'Tab visits every control once, in document order');
    for (const w of walk) assert.match(w.outline, /^solid [12]px rgb\(0, 127, 212\)$/, `${w.name} shows the focus ring (--vscode-focusBorder): ${w.outline}`);
    // past the last control the focus leaves the page; Shift+Tab comes back to it, then goes back the same way
    const focused = () => page.evaluate(() => (window as unknown as { __describe: (e: Element) => string }).__describe(document.activeElement!));
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), expected.at(-1));
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), expected.at(-2));
    assert.deepEqual(problems, []);
  });
});

test('the panel: arrow keys and Enter work the reconstructions grid, the interpolation picker and the latent map', { timeout: 120_000 }, async () => {
  const messages = await trainedMessages();
  const preview = (messages[1] as Extract<HostToPage, { type: 'preview' }>).preview;
  await withPage('', async ({ page, problems }) => {
    await loadPanel(page);
    // reconstructions: the first arrow key puts the cursor on image 1; Enter opens the file under it
    await page.focus('#recon');
    const cursorHidden = () => page.evaluate(() => (document.querySelector('#recon + .kbd-cursor') as HTMLElement | null)?.hidden ?? true);
    assert.equal(await cursorHidden(), true, 'no cursor before a key');
    await page.keyboard.press('ArrowRight');
    assert.equal(await cursorHidden(), false, 'the cursor shows');
    assert.match((await page.textContent('#a11y-live')) ?? '', /^image 1 of 16: .*anomaly score \d+ nats/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.match((await page.textContent('#a11y-live')) ?? '', new RegExp(`^image ${2 + Math.min(8, preview.count)} of 16`), 'down moves one row of images');
    await page.keyboard.press('Enter');
    assert.deepEqual(await lastPosted(page), { type: 'openSource', index: 1 + Math.min(8, preview.count) });
    await page.keyboard.press('Home');
    await page.keyboard.press(' ');
    assert.deepEqual(await lastPosted(page), { type: 'openSource', index: 0 });

    // the picker: arrows move the focus between thumbnails, Enter picks (A, then B) and the focus stays
    await page.focus('#picker button:nth-child(1)');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const afterPick = await page.evaluate(() => ({
      focused: [...document.getElementById('picker')!.children].indexOf(document.activeElement!),
      state: (window as unknown as { __state: { interpolation: { a: number } } }).__state.interpolation,
    }));
    assert.equal(afterPick.focused, 2, 'the focus stays on the picked thumbnail');
    assert.equal(afterPick.state.a, 2, 'Enter picked image 3 as A');

    // the latent map: Shift + arrows walk from point to point, naming each image (its picture comes from the
    // host on request); Enter selects and decodes there (plain arrows pan: test/webview/latentMap.test.ts)
    await page.focus('#map');
    await page.keyboard.press('Shift+ArrowLeft');
    const first = await page.textContent('#map-hover-label');
    assert.notEqual(first, 'hover a dot', 'the image under the cursor is named');
    const asked = () => page.evaluate(() => (window as unknown as { __posted: { type: string; indices?: Int32Array }[] }).__posted.filter((m) => m.type === 'requestMapImages').map((m) => m.indices![0]));
    const [a] = (await asked()).slice(-1);
    await page.keyboard.press('Shift+ArrowRight');
    const [b] = (await asked()).slice(-1);
    assert.notEqual(a, b, 'Shift+ArrowRight moves to another image');
    await page.keyboard.press('Enter');
    assert.match((await page.textContent('#map-selected')) ?? '', new RegExp(`^Selected image ${b}: `));
    assert.match((await page.textContent('#map-decoded-label')) ?? '', /^decoded at \(-?\d/);
    assert.ok((await inkedPixels(page, 'map-decoded')) > 20, 'Enter decodes the point');
    assert.deepEqual(problems, []);
  });
});

test('every chart has its data as a table, updated with the data', { timeout: 90_000 }, async () => {
  const messages = await trainedMessages();
  const model = messages[0] as Model;
  const map = (messages[4] as Extract<HostToPage, { type: 'latentMap' }>).map;
  await withPage('', async ({ page, problems }) => {
    await loadPanel(page);
    const rows = (id: string) => page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    const loss = await rows('loss-table');
    assert.deepEqual(loss.map((r) => r.slice(0, 2)), model.epochs.map((e) => [String(e.epoch), e.train.negElbo.toFixed(2)]), 'one row per epoch with its −ELBO');
    const kl = await rows('kl-table');
    assert.equal(kl.length, 1 + 12, 'β and a row per latent dimension');
    assert.deepEqual(kl[0], ['β', ...model.epochs.map((e) => e.beta.toFixed(3))]);
    assert.equal(kl[1].length, 1 + model.epochs.length, 'a column per epoch');
    const groups = await rows('map-table');
    assert.equal(groups.reduce((n, r) => n + Number(r[1]), 0), map.count, 'the map table counts every image');
    // a new epoch adds a row (the chart and its table change together)
    const last = model.epochs.at(-1)!;
    await post(page, { type: 'epoch', metrics: { ...last, epoch: last.epoch + 1 } });
    await page.waitForFunction((n) => document.querySelectorAll('#loss-table tbody tr').length === n, model.epochs.length + 1);
    assert.equal((await rows('kl-table'))[0].length, 2 + model.epochs.length);
    assert.deepEqual(problems, []);
  });
});

test('the side view: Tab order, and the latent pad moves with the arrow keys and decodes', { timeout: 90_000 }, async () => {
  const messages = await trainedMessages();
  const model = messages[0] as Model;
  const decoder = messages[2] as Extract<HostToPage, { type: 'decoder' }>;
  await withPage('side', async ({ page, problems }) => {
    await page.evaluate(DESCRIBE);
    await post(page, { type: 'state', models: [{ name: 'fashion', modelDir: '/m/fashion', status: 'completed', epochs: 3, negElbo: 270 }], current: '/m/fashion', training: null });
    const kl = model.epochs.at(-1)!.validation!.klPerDim;
    await post(page, { type: 'pad', modelDir: '/m/fashion', source: decoder.source, model: model.summary.model, klPerDim: kl } satisfies HostToSide);
    await page.waitForFunction(() => !document.getElementById('pad-section')!.hidden && Number(document.getElementById('pad-latency')!.dataset.count) > 0);
    const expected = await expectedStops(page);
    assert.deepEqual(expected, ['#train', '#open', '#sample', '#evaluate', '#export-latents', 'model fashion', '#pad']);
    assert.deepEqual((await tabWalk(page, 10)).map((w) => w.name), expected);
    const image = () => page.evaluate(() => {
      const c = document.getElementById('pad-image') as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 0));
    });
    await page.focus('#pad');
    const centre = await image();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    assert.notDeepEqual(await image(), centre, 'the arrow keys move the point and the image is decoded again');
    assert.match((await page.textContent('#a11y-live')) ?? '', /^z\d+ = 2\.3, z\d+ = 0\.0$/, 'six sixteenths right of the centre: 6 × 6/16 = 2.25');
    await page.keyboard.press('Home');
    assert.deepEqual(await image(), centre, 'Home goes back to the centre');
    assert.deepEqual(problems, []);
  });
});

test('axe-core finds no violation (of any impact) on the panel and the side view, light and dark', { timeout: 180_000 }, async () => {
  const messages = await trainedMessages();
  const model = messages[0] as Model;
  const decoder = messages[2] as Extract<HostToPage, { type: 'decoder' }>;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (const name of ['light', 'dark'] as const) {
      const { server, url } = await serve(THEMES[name]);
      try {
        const panel = await openPage(browser, url);
        await loadPanel(panel.page);
        assert.deepEqual(await audit(panel.page), [], `panel, ${name}`);
        const side = await openPage(browser, `${url}side`);
        await post(side.page, { type: 'state', models: [{ name: 'fashion', modelDir: '/m/fashion', status: 'training', epochs: 2, negElbo: 270 }], current: '/m/fashion', training: { modelDir: '/m/fashion', epoch: 2, epochs: 3, history: [300, 280] } });
        await post(side.page, { type: 'pad', modelDir: '/m/fashion', source: decoder.source, model: model.summary.model, klPerDim: model.epochs.at(-1)!.validation!.klPerDim });
        await side.page.waitForFunction(() => !document.getElementById('pad-section')!.hidden);
        assert.deepEqual(await audit(side.page), [], `side view, ${name}`);
        assert.deepEqual([...panel.problems, ...side.problems], []);
      } finally {
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
});
