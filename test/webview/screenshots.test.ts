// Every view of the model panel and the side view, in the light and dark themes, from a real small model trained
// on the bundled sample. Always rendered and checked (each view visible, not empty); with
// LATENT_EXPLORER_SCREENSHOTS=1 also written to docs/screenshots/<view>-<theme>.png (the README shows some) and,
// for the walkthrough's steps, to media/walkthrough/<step>-<theme>.png (what the .vsix ships).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Locator, type Page } from 'playwright-core';
import { PANEL_HEADER, PANEL_SECTIONS } from '../../src/protocol/panel';
import type { MetricsReport } from '../../src/protocol/metrics';
import type { HostToPage } from '../../src/protocol/webview';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { THEMES, openPage, post, repo, serve, trainedMessages, trainedNeighbours, trainedStats } from './harness';

type Model = Extract<HostToPage, { type: 'model' }>;

/** `latent-explorer metrics` of the sample's 10-epoch model with its class/group factors, as docs/metrics.md records it. */
const SAMPLE_METRICS: MetricsReport = {
  nImages: 3000, latentDim: 10, seed: 1, mutualInformation: { value: 4.853, bound: Math.log(500), batchSize: 500 }, totalCorrelation: 6.577, activeUnits: 10,
  linearProbe: { accuracy: 0.778, nTrain: 2400, nTest: 600, majorityBaseline: 0.083 }, sharpness: { samples: 0.00855, data: 0.1774, nImages: 1000 },
  frechet: { distance: 64.017, featureDim: 32, classifierTestAccuracy: 0.815, classifierTrain: 2400, classifierTest: 600, epochs: 5, nImages: 1000 },
  factors: { file: 'factors.csv', names: ['class', 'group'], nImages: 3000, mig: 0.035, dci: { disentanglement: 0.215, completeness: 0.023, informativeness: 0.855 }, sap: 0.057 },
  notes: [],
};
const WRITE = Boolean(process.env.LATENT_EXPLORER_SCREENSHOTS);
/** Walkthrough step → the view its image shows. */
const WALKTHROUGH_MEDIA = { 'open-sample': 'side', train: 'overview', curves: 'curves', collapse: 'collapse', encode: 'encode' } as const;

async function capture(target: Locator, view: string, theme: string, shots: Set<string>): Promise<void> {
  assert.ok(await target.isVisible(), `${view} (${theme}) is visible`);
  const box = (await target.boundingBox())!;
  assert.ok(box.width > 100 && box.height > 40, `${view} (${theme}) has a size: ${box.width}×${box.height}`);
  shots.add(`${view}-${theme}`);
  if (WRITE) await target.screenshot({ path: join(repo, `docs/screenshots/${view}-${theme}.png`), animations: 'disabled' });
}

/** The section whose heading has this id (the fragments label each section by its heading). */
const sectionOf = (page: Page, headingId: string) => page.locator(`section[aria-labelledby="${headingId}"]`);

test('every view is captured in the light and dark themes', { timeout: 240_000 }, async () => {
  const messages = await trainedMessages();
  const model = messages[0] as Model;
  const decoder = messages[2] as Extract<HostToPage, { type: 'decoder' }>;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const shots = new Set<string>();
  try {
    for (const theme of ['light', 'dark'] as const) {
      const { server, url } = await serve(THEMES[theme]);
      try {
        const { page, problems } = await openPage(browser, url);
        await page.setViewportSize({ width: 900, height: 1000 });
        for (const m of messages) await post(page, m);
        // the job process's latent statistics: attribute vectors in Encode, aggregate-posterior samples
        await post(page, { type: 'latentStats', stats: await trainedStats() });
        await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''));
        await page.waitForFunction(() => document.querySelectorAll('#trav-labels span').length > 0 && document.querySelectorAll('#map-table tr').length > 0);
        await page.waitForFunction(() => (document.getElementById('enc-attr-from') as HTMLSelectElement).options.length > 1);
        await page.locator('#enc-strength').fill('1.5');
        // the latent map with a decoded point and the image under the keyboard cursor, as someone exploring it sees it
        await page.focus('#map');
        await page.keyboard.press('Shift+ArrowUp');
        await page.keyboard.press('Enter');
        await page.evaluate(() => (document.activeElement as HTMLElement).blur());
        // the Metrics section with the report measured on the bundled sample's model (docs/metrics.md), not this one's
        await post(page, { type: 'metrics', report: SAMPLE_METRICS });
        await page.waitForFunction(() => document.querySelectorAll('#metrics-table tbody tr').length === 9);
        // the k-NN inspector's answer as the job computes it (the first previewed image among all 3 000 of the sample)
        await post(page, { type: 'neighbours', result: await trainedNeighbours(), problem: '' });
        await capture(page.locator(`#${PANEL_HEADER.ids.header}`), 'overview', theme, shots);
        for (const s of PANEL_SECTIONS) {
          const target = 'section' in s.ids ? page.locator(`#${s.ids.section}`) : sectionOf(page, s.ids.heading);
          // a section for another kind of model (a conditional VAE's samples per label) stays hidden for this one
          if (!(await target.isVisible())) continue;
          await capture(target, s.name, theme, shots);
        }
        // posterior collapse as β = 20 shows it: most dimensions at the prior, the remedies highlighted
        const last = model.epochs.at(-1)!;
        const n = model.epochs.length;
        const epochs = model.epochs.map((e, k) => {
          const klPerDim = e.validation!.klPerDim.map((v, d) => (d < 2 ? Math.max(v, 1.5) : k === n - 1 ? 0.002 : v * 0.1 ** k));
          return { ...e, beta: 20, validation: { ...e.validation!, klPerDim, activeUnits: klPerDim.filter((v) => v >= 0.01).length } };
        });
        await post(page, { type: 'model', summary: { ...model.summary, training: { ...model.summary.training, beta: 20 } }, epochs });
        await page.waitForFunction(() => document.getElementById('remedies')!.classList.contains('urgent'));
        await capture(sectionOf(page, 'kl-h'), 'collapse', theme, shots);
        assert.deepEqual(problems, []);
        await page.close();

        const side = await openPage(browser, `${url}side`);
        await side.page.setViewportSize({ width: 320, height: 560 });
        await post(side.page, {
          type: 'state',
          models: [
            { name: 'fashion-mnist-sample', modelDir: '/models/fashion-mnist-sample', status: 'completed', epochs: 3, negElbo: model.epochs.at(-1)!.train.negElbo },
            { name: 'fashion-mnist-beta20', modelDir: '/models/fashion-mnist-beta20', status: 'training', epochs: 2, negElbo: null },
          ],
          current: '/models/fashion-mnist-sample',
          training: { modelDir: '/models/fashion-mnist-beta20', epoch: 2, epochs: 10, history: model.epochs.map((e) => e.train.negElbo) },
        });
        await post(side.page, { type: 'pad', modelDir: '/models/fashion-mnist-sample', source: decoder.source, model: model.summary.model, klPerDim: last.validation!.klPerDim });
        await side.page.waitForFunction(() => !document.getElementById('pad-section')!.hidden && Number(document.getElementById('pad-latency')!.dataset.count) > 0);
        await capture(side.page.locator('body'), 'side', theme, shots);
        assert.deepEqual(side.problems, []);
        await side.page.close();
      } finally {
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
  for (const name of ['overview', 'encode', 'curves', 'reconstructions', 'samples', 'interpolation', 'traversal', 'latentMap', 'neighbours', 'diagnostics', 'metrics', 'collapse', 'side'])
    for (const theme of ['light', 'dark']) assert.ok(shots.has(`${name}-${theme}`), `${name}-${theme} was captured`);
  if (WRITE) {
    mkdirSync(join(repo, 'media/walkthrough'), { recursive: true });
    for (const [step, view] of Object.entries(WALKTHROUGH_MEDIA))
      for (const theme of ['light', 'dark']) copyFileSync(join(repo, `docs/screenshots/${view}-${theme}.png`), join(repo, `media/walkthrough/${step}-${theme}.png`));
  }
});

test('the walkthrough: five steps, each with its light and dark image from this test, and the β = 20 link trains with overrides', () => {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs: { steps: { id: string; description: string; media: { image: Record<string, string> } }[] }[] };
  };
  const [walkthrough] = pkg.contributes.walkthroughs;
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ['openSample', 'train', 'curves', 'collapse', 'encode']);
  const steps = Object.keys(WALKTHROUGH_MEDIA);
  for (const [k, step] of walkthrough.steps.entries()) {
    for (const theme of ['light', 'dark', 'hc', 'hcLight']) {
      const image = step.media.image[theme];
      assert.match(image, new RegExp(`^media/walkthrough/${steps[k]}-(light|dark)\\.png$`), `${step.id}: ${theme} image`);
      assert.ok(existsSync(join(repo, image)), `${image} exists (LATENT_EXPLORER_SCREENSHOTS=1 writes it)`);
    }
  }
  // latentExplorer.trainOnFolder(folder?, overrides?): no folder (it asks), β = 20 (an object skips the preset pick)
  // the texts are %keys% of package.nls.json (English) and package.nls.ja.json: the link is in both
  for (const nls of ['package.nls.json', 'package.nls.ja.json']) {
    const strings = JSON.parse(readFileSync(join(repo, nls), 'utf8')) as Record<string, string>;
    const description = strings[walkthrough.steps[3].description.replace(/^%|%$/g, '')];
    const link = /\(command:latentExplorer\.trainOnFolder\?([^)]+)\)/.exec(description ?? '');
    assert.ok(link, `${nls}: the collapse step links a training run`);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [null, { beta: 20 }]);
  }
});
