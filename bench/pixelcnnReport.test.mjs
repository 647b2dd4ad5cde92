import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BEGIN, END, plantedHolds, renderPixelcnn, spliceSection } from './pixelcnnReport.mjs';

const settings = (over = {}) => ({ limit: 5000, epochs: 10, batch: 64, lr: 0.004, warmup: 9, freeBits: 0.1, testLimit: 1000, k: 1000, boundN: 100, samples: 64, ...over });
const row = (over = {}) => ({
  negElbo: 120.4, recon: 119.9, kl: 0.52, activeUnits: 1, latentDim: 32, usedDims: 2, verdict: 'full', iwae: -118.2, samplesPerSec: 131.2,
  sharpness: { samples: 0.51, data: 0.6, n_images: 64 }, settings: settings(), date: '2026-11-30T13:00:00Z', load: { start: 2.1, end: 3.4 },
  priority: 'autogroup nice −10', phases: { train: 400 }, commands: ['node dist/cli.js train …'], bench: 'node bench/pixelcnn.mjs', ...over,
});

test('planted verdicts: the plain decoder must collapse fully or nearly (≤ 2 active of 32); a remedy must leave it not full with most dimensions used', () => {
  assert.equal(plantedHolds('full', row()), 'holds (full)');
  assert.equal(plantedHolds('full', row({ verdict: 'partial' })), 'holds (partial, 1 active, 2 of 32 dims used)');
  assert.equal(plantedHolds('full', row({ verdict: 'partial', activeUnits: 3 })), 'does not hold (partial, 3 active, 2 of 32 dims used)');
  assert.equal(plantedHolds('full', row({ verdict: 'partial', usedDims: 5 })), 'does not hold (partial, 1 active, 5 of 32 dims used)');
  assert.equal(plantedHolds('rescued', row({ verdict: 'partial', usedDims: 20 })), 'holds (partial, 20 of 32 dims used)');
  assert.equal(plantedHolds('rescued', row({ verdict: 'partial', usedDims: 10 })), 'does not hold (partial, 10 of 32 dims used)');
  assert.match(plantedHolds('rescued', row({ verdict: 'full', usedDims: 32 })), /^does not hold \(full/);
  assert.equal(plantedHolds(null, row()), '—');
});

test('the section: one line per stored row with its own budget, rows not measured named, each row\'s date and load', () => {
  const md = renderPixelcnn({ plain: row(), freebits: row({ verdict: 'none', usedDims: 32, activeUnits: 30, kl: 25.1, settings: settings({ epochs: 20, freeBits: 0.25 }) }) });
  assert.ok(md.startsWith(BEGIN) && md.endsWith(END));
  assert.match(md, /\| PixelCNN decoder, β = 1, no remedy \| 5000 × 10 ep, batch 64, lr 0\.004 \| -118\.2 \(1000, 100\) \| 120\.4 \(119\.9 \+ 0\.52\) \| 1 \/ 2 of 32 \| full \| 0\.5100 \| 131 \| holds \(full\) \|/);
  assert.match(md, /\| PixelCNN decoder \+ free bits λ = 0\.25 \| 5000 × 20 ep/);
  assert.match(md, /Not measured yet: long, warmup, conv, twin\./);
  assert.match(md, /- plain: 2026-11-30 13:00 UTC, load 2\.1 → 3\.4, autogroup nice −10/);
  assert.match(md, /binarised test images score 0\.6000/);
});

test('the twin\'s agreement is stated only when it ran at the plain row\'s budget', () => {
  const same = renderPixelcnn({ plain: row(), twin: row({ negElbo: 121.6, iwae: -119.0, samplesPerSec: 196.8, torch: '1.13', sharpness: null }) });
  assert.match(same, /−ELBO 121\.6 against ours 120\.4 nats\n\(1\.0 %\), bound -119\.0 against -118\.2, training 1\.50× our speed/);
  const other = renderPixelcnn({ plain: row(), twin: row({ settings: settings({ epochs: 3 }), torch: '1.13' }) });
  assert.doesNotMatch(other, /against ours/);
  assert.match(other, /different budgets \(5000 × 3 ep, batch 64, lr 0\.004 against 5000 × 10 ep, batch 64, lr 0\.004\)/);
});

test('MODELS.md: the section goes between its markers, other sections kept; appended the first time', () => {
  const first = spliceSection('# Models\n\nother\n', renderPixelcnn({ plain: row() }));
  assert.ok(first.startsWith('# Models\n\nother\n\n<!-- bench/pixelcnn.mjs: begin -->'));
  const again = spliceSection(`${first}\n<!-- bench/vaegan.mjs: begin -->\nv\n<!-- bench/vaegan.mjs: end -->\n`, `${BEGIN}\nnew\n${END}`);
  assert.ok(again.includes(`${BEGIN}\nnew\n${END}`) && !again.includes('no remedy'));
  assert.ok(again.includes('<!-- bench/vaegan.mjs: begin -->\nv\n'));
});
