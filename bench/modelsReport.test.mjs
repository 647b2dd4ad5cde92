import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderModels } from './modelsReport.mjs';
import { spliceSection } from './models.mjs';

const row = (over = {}) => ({
  settings: { epochs: 10, evalN: 200, evalK: 1000 }, date: '2026-11-30T07:00:00Z', load: { start: 1.5, end: 2.5 },
  ours: { negElbo: 244.31, recon: 230.2, kl: 14.11, iwaeBound: -238.4, activeUnits: 18, collapse: 'partial', samplesPerSec: 11015.4, commands: ['node dist/cli.js train …'] },
  peer: null, ...over,
});

test('MODELS.md table: one line per engine with the measured figures, and rows not yet measured named', () => {
  const rows = [{ id: 'vae-mlp', title: 'VAE, MLP' }, { id: 'beta4', title: 'β-VAE' }];
  const md = renderModels(rows, { 'vae-mlp': row({ peer: { torch: '1.13', negElbo: 244.15, recon: 230, kl: 14.15, activeUnits: 19, iwaeBound: -238.1, samplesPerSec: 12550, command: 'python3 …' } }) });
  assert.match(md, /\| VAE, MLP \| Latent Explorer \| 10 \| 244\.3 \| 230\.2 \| 14\.1 \| -238\.4 \(n = 200\) \| 18\/20 \| partial \| — \| 11,015 \|  \|/);
  assert.match(md, /\| VAE, MLP \| PyTorch 1\.13 \| 10 \| 244\.2 \|/);
  assert.match(md, /Not measured yet: beta4\./);
  assert.match(md, /load average 1\.5 → 2\.5/);
});

test('MODELS.md: the CVAE per-label accuracy table and its mean', () => {
  const md = renderModels([{ id: 'cvae', title: 'CVAE', cvae: true }], {
    cvae: row({ ours: { ...row().ours, perLabel: { classifier: 'MLP', testAccuracy: 0.87, perLabel: { 0: 0.5, 1: 1 } } } }),
  });
  assert.match(md, /\| accuracy \| 50% \| 100% \| 75% \|/);
  assert.match(md, /test accuracy 87%/);
});

test('MODELS.md: our section is replaced between its markers and other sections are kept', () => {
  const first = spliceSection('', 'A');
  assert.match(first, /^# Models/);
  const withOther = `${first}\n## VQ-VAE (another script)\nrow\n`;
  const again = spliceSection(withOther, 'B');
  assert.ok(again.includes('B') && !again.includes('\nA\n'));
  assert.ok(again.includes('## VQ-VAE (another script)\nrow'));
});

test('MODELS.md: sharpness of samples beside the data\'s, and a planted row says whether its verdict holds', () => {
  const planted = { id: 'planted-latent64', title: 'Planted: latent 64', planted: ['partial'] };
  const full = { id: 'planted-beta20', title: 'Planted: β = 20', planted: ['partial', 'full'] };
  const ours = (o) => row({ ours: { ...row().ours, ...o } });
  const md = renderModels([planted, full], {
    'planted-latent64': ours({ latent: 64, activeUnits: 9, collapse: 'partial', collapsedDims: 52, sharpness: { samples: 0.01234, data: 0.05678, nImages: 1000 } }),
    'planted-beta20': ours({ collapse: 'none', collapsedDims: 0 }),
  });
  assert.match(md, /\| Planted: latent 64 \| Latent Explorer \| .* \| 9\/64 \| partial \(52\/64 collapsed\) \| 0\.0123 \(0\.0568\) \| 11,015 \| partial: holds \|/);
  assert.match(md, /\| Planted: β = 20 \| .* \| none \(0\/20 collapsed\) \| — \| 11,015 \| partial or full: \*\*does not hold\*\* \(none\) \|/);
});
