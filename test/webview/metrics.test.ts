// The Metrics section: its button asks the host to compute, its status follows the job, and a report shows as a
// table (metric, value, what it says, source) with the disentanglement rows only when factors were given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { MetricsReport } from '../../src/protocol/metrics';
import { post, withPage } from './harness';

const report: MetricsReport = {
  nImages: 3000, latentDim: 10, seed: 1, mutualInformation: { value: 4.853, bound: Math.log(500), batchSize: 500 }, totalCorrelation: 6.577, activeUnits: 9,
  linearProbe: { accuracy: 0.778, nTrain: 2400, nTest: 600, majorityBaseline: 0.083 }, sharpness: { samples: 0.00855, data: 0.1774, nImages: 1000 },
  frechet: { distance: 64.017, featureDim: 32, classifierTestAccuracy: 0.815, classifierTrain: 2400, classifierTest: 600, epochs: 5, nImages: 1000 },
  factors: null, notes: ['total correlation: a note for the test'],
};

const rows = (page: import('playwright-core').Page) =>
  page.$$eval('#metrics-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => `${c.tagName}:${c.textContent ?? ''}`)));

test('Metrics: the button asks the host and shows progress; a report becomes a table with explanations and sources', { timeout: 60_000 }, async () => {
  await withPage('', async ({ page, problems }) => {
    assert.equal(await page.textContent('#metrics-status'), 'Not computed yet.');
    assert.equal(await page.$$eval('#metrics-table tr', (r) => r.length), 0);
    await page.focus('#metrics-compute');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __posted: { type?: string }[] }).__posted.some((m) => m.type === 'computeMetrics'));
    assert.match((await page.textContent('#metrics-status')) ?? '', /Computing metrics/);
    assert.equal(await page.isDisabled('#metrics-compute'), true, 'one computation at a time from the page');

    await post(page, { type: 'metrics', report });
    await page.waitForFunction(() => document.querySelectorAll('#metrics-table tbody tr').length === 6);
    assert.equal(await page.isDisabled('#metrics-compute'), false);
    assert.equal(await page.textContent('#metrics-status'), '3000 images, seed 1');
    const table = await rows(page);
    assert.deepEqual(table.map((r) => r[0]), ['TH:mutual_information', 'TH:total_correlation', 'TH:active_units', 'TH:linear_probe_accuracy', 'TH:sharpness', 'TH:frechet_distance']);
    assert.equal(table[0][1], 'TD:4.853 nats (at most log 500 = 6.215)');
    assert.equal(table[2][1], 'TD:9/10');
    assert.match(table[5][1], /64\.017 \(feature classifier test accuracy 0\.815\)/);
    assert.match(table[5][2], /Not FID/);
    assert.match(table[0][3], /calc_mi/);
    assert.match(table[1][3], /unsupervised_metrics\.py/);
    for (const r of table) assert.equal(r.length, 4, 'metric, value, explanation, source');
    assert.deepEqual(await page.$$eval('#metrics-table thead th', (th) => th.map((h) => `${h.getAttribute('scope')}:${h.textContent}`)), ['col:Metric', 'col:Value', 'col:What it says', 'col:Source']);
    assert.equal(await page.textContent('#metrics-table caption'), 'Metrics of this model on its data');
    assert.deepEqual(await page.$$eval('#metrics-notes li', (li) => li.map((l) => l.textContent)), ['total correlation: a note for the test']);

    // with factors: MIG, DCI and SAP, each naming its disentanglement_lib file; DCI says which importance it used
    const factors = { file: '/d/factors.csv', names: ['size', 'shape'], nImages: 3000, mig: 0.035, dci: { disentanglement: 0.215, completeness: null, informativeness: 0.855 }, sap: 0.057 };
    await post(page, { type: 'metrics', report: { ...report, factors, linearProbe: null } });
    await page.waitForFunction(() => document.querySelectorAll('#metrics-table tbody tr').length === 9);
    const withFactors = await rows(page);
    assert.equal(withFactors[3][1], 'TD:—', 'no probe without labels');
    assert.deepEqual(withFactors.slice(6).map((r) => r[0]), ['TH:mig', 'TH:dci', 'TH:sap']);
    assert.equal(withFactors[7][1], 'TD:disentanglement 0.215, completeness —, informativeness 0.855');
    assert.match(withFactors[6][3], /mig\.py/);
    assert.match(withFactors[7][3], /dci\.py/);
    assert.match(withFactors[7][2], /not disentanglement_lib’s gradient-boosted trees/);
    assert.match(withFactors[8][3], /sap_score\.py/);
    assert.match((await page.textContent('#metrics-status')) ?? '', /factors size, shape from \/d\/factors\.csv/);

    // axe-core on the section with its table filled (the whole panel is audited in a11y.test.ts)
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(document.getElementById('metrics-h')!.closest('section')!, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);

    await post(page, { type: 'metricsState', state: 'cancelled' });
    await page.waitForFunction(() => /cancelled/.test(document.getElementById('metrics-status')!.textContent ?? ''));
    assert.equal(await page.$$eval('#metrics-table tbody tr', (r) => r.length), 9, 'a cancelled run keeps the last report');
    assert.deepEqual(problems, []);
  });
});
