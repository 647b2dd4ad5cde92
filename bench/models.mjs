// `npm run bench:models`: the model table of MODELS.md. Each variant of model family I trains on Fashion-MNIST at
// the same budget (all 60 000 training images, latent 20, batch 128, Adam 1e-3, seed 1, --epochs each) through the
// CLI and is evaluated on the test images by `latent-explorer eval`: −ELBO with its terms and the collapse verdict
// on all 10 000, the IWAE bound with k = 1 000 on the first --eval-n. Where a PyTorch peer exists (VAE MLP, VAE
// conv, IWAE) it trains and evaluates the same way in the same run (bench/peers/pytorch_models.py). The CVAE's
// samples per label are classified by a small classifier trained on the real images (pytorch_classifier.py).
// Each row's raw figures are kept in bench/models.json (in the repository, so every checkout renders every row), so
// `--rows a,b` re-measures some rows and the table is rendered from all of them (each row names its date and load).
// Sharpness of samples: `latent-explorer metrics --json` on the test images (variance of the Laplacian of 1 000 prior
// samples, and of 1 000 test images for reference). Planted rows (planted: the verdict they must produce) override
// the budget: their own latent size, images, epochs, batch and learning rate.
// Options: --epochs N (10) --limit N --rows id,… (all) --eval-n N (200) --eval-k K (1000) --out FILE (MODELS.md)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runJson } from './runJson.mjs';
import { median } from './median.mjs';
import { renderModels } from './modelsReport.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = '/usr/share/datasets/fashion-mnist';
const TRAIN_FILE = join(DATA, 'train-images-idx3-ubyte.gz');
const TEST_FILE = join(DATA, 't10k-images-idx3-ubyte.gz');
const CLI = join(repo, 'dist/cli.js');
const PY = '/usr/bin/python3';
const STORE = join(repo, 'bench/models.json');

/** The variants of model family I, each with our flags and (where one exists) the PyTorch peer's. */
export const ROWS = [
  { id: 'vae-mlp', title: 'VAE, MLP 784-400-20', flags: ['--hidden', '400'], peer: ['--net', 'mlp'] },
  { id: 'vae-conv', title: 'VAE, conv (reference network)', flags: ['--net', 'conv', '--hidden', '256'], peer: ['--net', 'conv'] },
  { id: 'cvae', title: 'CVAE, MLP 784-400-20 (+ one-hot label)', flags: ['--model', 'cvae', '--hidden', '400'], cvae: true },
  { id: 'iwae5', title: 'IWAE k = 5, MLP 784-400-20', flags: ['--model', 'iwae', '--k', '5', '--hidden', '400'], peer: ['--net', 'mlp', '--k', '5'] },
  { id: 'beta4', title: 'β-VAE β = 4, MLP 784-400-20', flags: ['--beta', '4', '--hidden', '400'] },
  { id: 'cyclical', title: 'VAE, cyclical KL (M = 4, R = 0.5), MLP 784-400-20', flags: ['--kl-schedule', 'cyclical', '--cycles', '4', '--ratio', '0.5', '--hidden', '400'] },
  // issue 11's planted cases: each names the verdict it must produce (the unit suite has them at small size)
  { id: 'planted-beta20', title: 'Planted: β-VAE β = 20, MLP 784-400-20', flags: ['--beta', '20', '--hidden', '400'], planted: ['partial', 'full'] },
  { id: 'planted-latent64', title: 'Planted: latent 64 on the first 500 training images (300 epochs, batch 32, Adam 2e-3), MLP 784-128-64', flags: ['--hidden', '128'], latent: 64, limit: 500, epochs: 300, batch: 32, lr: 0.002, planted: ['partial'] },
];

function options() {
  const { values } = parseArgs({
    options: {
      epochs: { type: 'string', default: '10' },
      limit: { type: 'string' },
      rows: { type: 'string' },
      'eval-n': { type: 'string', default: '200' },
      'eval-k': { type: 'string', default: '1000' },
      out: { type: 'string', default: join(repo, 'MODELS.md') },
      'render-only': { type: 'boolean', default: false },
    },
  });
  const ids = values.rows ? values.rows.split(',') : ROWS.map((r) => r.id);
  for (const id of ids) if (!ROWS.some((r) => r.id === id)) throw new Error(`unknown row "${id}"; rows: ${ROWS.map((r) => r.id).join(', ')}`);
  return { epochs: Number(values.epochs), limit: values.limit ? Number(values.limit) : null, ids, evalN: Number(values['eval-n']), evalK: Number(values['eval-k']), out: values.out, renderOnly: values['render-only'] };
}

const log = (s) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

function ours(row, opt, tmp) {
  const dir = join(tmp, row.id);
  const b = budget(row, opt);
  const train = ['train', TRAIN_FILE, '--out', dir, '--epochs', String(b.epochs), '--latent', String(b.latent), ...row.flags, '--likelihood', 'bernoulli',
    '--batch', String(b.batch), '--lr', String(b.lr), '--validation', '0', '--seed', '1', '--json'];
  if (b.limit) train.push('--limit', String(b.limit));
  log(`${row.id}: node dist/cli.js ${train.join(' ').replaceAll(tmp, '<tmp>')}`);
  const t = runJson(process.execPath, [CLI, ...train]);
  if (t.status !== 'completed') throw new Error(`${row.id}: training ended "${t.status}"`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const evalAll = ['eval', dir, TEST_FILE, '--iwae-k', '1', '--json'];
  log(`${row.id}: eval (−ELBO on every test image)`);
  const e = runJson(process.execPath, [CLI, ...evalAll]);
  const evalBound = ['eval', dir, TEST_FILE, '--iwae-k', String(opt.evalK), '--limit', String(opt.evalN), '--json'];
  log(`${row.id}: eval (IWAE k = ${opt.evalK} on ${opt.evalN} test images)`);
  const bound = runJson(process.execPath, [CLI, ...evalBound]);
  // sharpness of prior samples beside the test images' own, as the metrics command computes both
  const metrics = ['metrics', dir, TEST_FILE, '--max-images', '1000', '--compare', '1000', '--json'];
  log(`${row.id}: metrics (sharpness of 1 000 samples and 1 000 test images)`);
  const m = runJson(process.execPath, [CLI, ...metrics]);
  const result = {
    samplesPerSec: median(manifest.epochs.map((x) => x.samplesPerSec)),
    negElbo: e.neg_elbo, recon: e.recon, kl: e.kl, activeUnits: e.active_units, latent: b.latent, collapse: e.collapse?.verdict ?? null,
    collapsedDims: e.collapse?.collapsed_dims?.length ?? null,
    sharpness: { samples: m.sharpness.samples, data: m.sharpness.data, nImages: m.sharpness.n_images },
    iwaeBound: bound.iwae_bound, nTest: e.n_images, labelNames: manifest.dataset?.labelNames ?? [],
    commands: [train, evalAll, evalBound, metrics].map((a) => `node dist/cli.js ${a.join(' ').replaceAll(tmp, '<tmp>')}`),
  };
  if (row.cvae) result.perLabel = classifySamples(dir, result.labelNames, tmp, result.commands);
  return result;
}

/** A row's training budget: the run's options, or a planted row's own. */
function budget(row, opt) {
  return { epochs: row.epochs ?? opt.epochs, limit: row.limit ?? opt.limit, latent: row.latent ?? 20, batch: row.batch ?? 128, lr: row.lr ?? 0.001 };
}

/** Samples of each label from the CVAE, classified by a classifier trained on the real images. */
function classifySamples(dir, labelNames, tmp, commands) {
  const specs = labelNames.map((name, i) => {
    const file = join(tmp, `cvae-label-${i}.npy`);
    const args = ['sample', dir, '--label', name, '--n', '200', '--seed', '1', '--out', file];
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sample --label ${name} failed (exit ${r.status}): ${r.stderr}`);
    return `${/^\d+$/.test(name) ? Number(name) : i}=${file}`;
  });
  commands.push(`node dist/cli.js sample <tmp>/cvae --label NAME --n 200 --seed 1 --out <tmp>/cvae-label-I.npy (each label)`);
  const args = [join(repo, 'bench/peers/pytorch_classifier.py'), '--samples', ...specs];
  log('cvae: classifying samples per label (pytorch_classifier.py)');
  const c = runJson(PY, args, { ...process.env, OPENBLAS_NUM_THREADS: '1' });
  commands.push(`${PY} bench/peers/pytorch_classifier.py --samples LABEL=<tmp>/cvae-label-I.npy …`);
  return { classifier: c.classifier, testAccuracy: c.test_accuracy, perLabel: c.per_label, labelNames };
}

function peer(row, opt) {
  const args = [join(repo, 'bench/peers/pytorch_models.py'), ...row.peer, '--epochs', String(opt.epochs), '--threads', '1', '--eval-k', String(opt.evalK), '--eval-n', String(opt.evalN)];
  if (opt.limit) args.push('--limit', String(opt.limit));
  log(`${row.id}: PyTorch peer`);
  const p = runJson(PY, args, { ...process.env, OPENBLAS_NUM_THREADS: '1' });
  return {
    torch: p.torch, samplesPerSec: median(p.samples_per_s), negElbo: p.test_neg_elbo, recon: p.recon, kl: p.kl, activeUnits: p.active_units, iwaeBound: p.iwae_bound,
    command: `OPENBLAS_NUM_THREADS=1 ${PY} ${args.map((a) => a.replace(repo + '/', '')).join(' ')}`,
  };
}

function main() {
  const opt = options();
  const stored = existsSync(STORE) ? JSON.parse(readFileSync(STORE, 'utf8')) : {};
  if (!opt.renderOnly) {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');
    mkdirSync(dirname(STORE), { recursive: true });
    for (const id of opt.ids) {
      const row = ROWS.find((r) => r.id === id);
      const tmp = mkdtempSync(join(tmpdir(), 'le-models-'));
      try {
        const loadStart = loadavg()[0];
        const measured = { ours: ours(row, opt, tmp), peer: row.peer ? peer(row, opt) : null };
        const b = budget(row, opt);
        stored[id] = { ...measured, settings: { epochs: b.epochs, limit: b.limit, evalN: opt.evalN, evalK: opt.evalK }, date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), load: { start: loadStart, end: loadavg()[0] } };
        writeFileSync(STORE, JSON.stringify(stored, null, 1));
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  }
  const md = renderModels(ROWS, stored);
  const previous = existsSync(opt.out) ? readFileSync(opt.out, 'utf8') : '';
  writeFileSync(opt.out, spliceSection(previous, md));
  process.stdout.write(md);
}

/** Replaces the section between our markers, keeping whatever else MODELS.md holds (other variants' sections). */
export function spliceSection(text, section) {
  const begin = '<!-- bench/models.mjs: begin -->';
  const end = '<!-- bench/models.mjs: end -->';
  const block = `${begin}\n${section.trim()}\n${end}`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) return text.slice(0, i) + block + text.slice(j + end.length);
  const header = text.trim() ? text.trimEnd() + '\n\n' : '# Models: quality and speed of each variant\n\n';
  return `${header}${block}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
