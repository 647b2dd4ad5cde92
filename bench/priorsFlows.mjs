// MODELS.md's prior and flow rows: the plain VAE, VAE + MoG, VAE + VampPrior, VAE + planar and VAE + IAF trained
// in one run by the CLI at the same budget (same network, data, epochs, batch, seed), then each evaluated on the
// test set: the IWAE bound, −ELBO, reconstruction, active units; training samples/s from train --json; sharpness
// of samples (variance of the Laplacian of 1 000 samples from the model's own prior — N(0, I), the mixture, the
// VampPrior — beside 1 000 test images', by `metrics --json` as bench/models.mjs measures model family I). One model
// at a time (the machine's two cores are shared). Writes bench/priorsFlows.json and prints MODELS.md's table.
//   node bench/priorsFlows.mjs [--cli dist/cli.js] [--epochs 6] [--limit 30000] [--test-limit 1000] [--k 100]
//                              [--net mlp|conv] [--only NAME] [--autogroup=-10] [--render-only]
// --render-only prints the table from the stored JSON (a run cut short keeps its finished rows there).
// --autogroup=N (with "=": parseArgs takes -10 for a flag otherwise): the script's autogroup nice (children inherit it; autogroup scheduling ignores plain renice). −10
// (default) for a run whose samples/s is written down; 19 for a trial that must not slow others. Root only.
// --net conv trains every row on the reference conv network (hidden 256) instead of the MLP (hidden 400), and writes
// bench/priorsFlows-conv.json: the issue asks whether IAF and the VampPrior improve on the plain *conv* VAE.
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runJson } from './runJson.mjs';

const { values: o } = parseArgs({
  options: { cli: { type: 'string', default: 'dist/cli.js' }, epochs: { type: 'string', default: '6' }, limit: { type: 'string', default: '30000' }, 'test-limit': { type: 'string', default: '1000' }, k: { type: 'string', default: '100' }, only: { type: 'string' }, net: { type: 'string', default: 'mlp' }, autogroup: { type: 'string', default: '-10' }, 'render-only': { type: 'boolean', default: false } },
});
const DATA = '/usr/share/datasets/fashion-mnist';
const ROWS = [
  ['VAE', []],
  ['VAE + MoG (K = 10)', ['--prior', 'mog']],
  ['VAE + VampPrior (K = 50)', ['--prior', 'vamp']],
  ['VAE + planar (N = 8)', ['--flow', 'planar']],
  ['VAE + IAF (N = 2)', ['--flow', 'iaf']],
].filter(([name]) => !o.only || o.only.split(',').some((n) => name.includes(n)));
if (o.net !== 'mlp' && o.net !== 'conv') throw new Error(`--net must be mlp or conv, not "${o.net}"`);
const netFlags = o.net === 'conv' ? ['--net', 'conv', '--hidden', '256'] : [];
const OUT = o.net === 'conv' ? 'bench/priorsFlows-conv.json' : 'bench/priorsFlows.json';

function run() {
  let priority = 'normal priority';
  try {
    writeFileSync(`/proc/${process.pid}/autogroup`, o.autogroup);
    priority = `autogroup nice ${o.autogroup}`;
  } catch {
    // not root, or no autogroup scheduling: run as is, and the JSON says so
  }
  const load = () => execSync('uptime').toString().trim();
  const work = mkdtempSync(join(tmpdir(), 'le-priors-bench-'));
  const results = { started: new Date().toISOString(), loadAtStart: load(), priority, settings: o, rows: [] };
  try {
    for (const [name, flags] of ROWS) {
      const dir = join(work, String(results.rows.length));
      const train = runJson('node', [o.cli, 'train', join(DATA, 'train-images-idx3-ubyte.gz'), '--out', dir, '--epochs', o.epochs, '--limit', o.limit, '--seed', '1', ...netFlags, ...flags, '--json']);
      const ev = runJson('node', [o.cli, 'eval', dir, join(DATA, 't10k-images-idx3-ubyte.gz'), '--limit', o['test-limit'], '--iwae-k', o.k, '--json']);
      const m = runJson('node', [o.cli, 'metrics', dir, join(DATA, 't10k-images-idx3-ubyte.gz'), '--max-images', '1000', '--compare', '1000', '--json']);
      const sharpness = { samples: m.sharpness.samples, data: m.sharpness.data, nImages: m.sharpness.n_images };
      const row = { name, flags, samplesPerS: train.samples_per_s, trainSeconds: train.processWall, evalSeconds: ev.processWall, metricsSeconds: m.processWall, negElbo: ev.neg_elbo, recon: ev.recon, kl: ev.kl, activeUnits: ev.active_units, latent: ev.kl_per_dim.length, iwaeBound: ev.iwae_bound, iwaeK: ev.iwae_k, nTest: ev.n_images, sharpness, load: load() };
      results.rows.push(row);
      console.error(JSON.stringify(row));
      writeFileSync(OUT, JSON.stringify(results, null, 2));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  results.loadAtEnd = load();
  results.finished = new Date().toISOString();
  writeFileSync(OUT, JSON.stringify(results, null, 2));
  return results;
}

const results = o['render-only'] ? JSON.parse(readFileSync(OUT, 'utf8')) : run();
const base = results.rows.find((r) => r.name === 'VAE');
const sharp = (s) => (s ? `${s.samples.toFixed(4)} (${s.data.toFixed(4)})` : '—');
console.log('| model | test bound L_k (nats) | vs VAE | −ELBO | reconstruction | KL | active units | sharpness of samples (data) | train samples/s |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results.rows) {
  const d = base ? (r.iwaeBound - base.iwaeBound).toFixed(2) : '—';
  console.log(`| ${r.name} | ${r.iwaeBound.toFixed(2)} | ${r === base ? '—' : (d > 0 ? '+' : '') + d} | ${r.negElbo.toFixed(2)} | ${r.recon.toFixed(2)} | ${r.kl.toFixed(2)} | ${r.activeUnits}/${r.latent} | ${sharp(r.sharpness)} | ${r.samplesPerS.toFixed(0)} |`);
}
