// `node bench/pixelcnn.mjs`: MODELS.md's section on the PixelCNN-decoder VAE (issue 11's autoregressive decoder and its
// planted collapse). The Fashion-MNIST IDX files are binarised (pixel ≥ 128 → 255, else 0, as the planted test
// test/unit/engine/pixelcnnCollapse.test.ts) into a temporary folder; the product then trains on what that folder
// holds. Rows (bench/pixelcnnReport.mjs ROWS), all through the CLI with latent 32, hidden 256, Bernoulli, seed 1, no
// validation split: plain (β = 1, no remedy: the planted collapse), free bits λ, KL warm-up, and the conv VAE (the
// reference network) on the same data; then the PyTorch twin (bench/peers/pytorch_pixelcnn.py: same network, init,
// loss) at the plain row's budget. Per row: −ELBO (recon + KL) on the test images (eval --iwae-k 1), the IWAE bound
// with k = --k on the first --bound-n of them, active units, KL-used dimensions and the collapse verdict (eval --json),
// sharpness of --samples prior samples (metrics --json; a PixelCNN draws them pixel by pixel, one pass per pixel),
// training samples/s (median over epochs) and each phase's wall seconds. Each row's figures go to the store
// (bench/pixelcnn.json) as soon as the row finishes, so a long run can be resumed or redone with --rows; the section
// is rendered from every stored row into MODELS.md (between this script's markers) and bench/pixelcnn.md.
// Options (a row's budget: the global value unless --set ROW.KEY=VALUE, repeatable, says otherwise for that row;
// KEY one of limit, epochs, batch, lr, warmup, free-bits; the twin takes the plain row's budget and its own --set):
//   --limit N (5000) --epochs N (3) --batch N (64) --lr X (0.002) --warmup EPOCHS (epochs − 1, at least 1)
//   --free-bits λ (0.1) --test-limit N (1000) --k K (1000) --bound-n N (100) --samples N (64)
//   --rows plain,long,freebits,warmup,conv,twin (all) --render-only --store FILE (bench/pixelcnn.json)
//   --out FILE (MODELS.md) --md FILE (bench/pixelcnn.md); a trial run: --store /tmp/x.json --out /tmp/x.md --md /tmp/y.md
// Every process, ours and the twin, runs on one OpenBLAS thread, as the editor's job process does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { median } from './median.mjs';
import { runJson } from './runJson.mjs';
import { ROWS, renderDetails, renderPixelcnn, spliceSection } from './pixelcnnReport.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = '/usr/share/datasets/fashion-mnist';
const { values: o } = parseArgs({
  options: {
    limit: { type: 'string', default: '5000' }, epochs: { type: 'string', default: '3' }, batch: { type: 'string', default: '64' }, lr: { type: 'string', default: '0.002' },
    warmup: { type: 'string' }, 'free-bits': { type: 'string', default: '0.1' }, set: { type: 'string', multiple: true, default: [] },
    'test-limit': { type: 'string', default: '1000' }, k: { type: 'string', default: '1000' }, 'bound-n': { type: 'string', default: '100' }, samples: { type: 'string', default: '64' },
    rows: { type: 'string', default: ROWS.map((r) => r.id).join(',') }, 'render-only': { type: 'boolean', default: false },
    store: { type: 'string', default: join(repo, 'bench/pixelcnn.json') }, out: { type: 'string', default: join(repo, 'MODELS.md') }, md: { type: 'string', default: join(repo, 'bench/pixelcnn.md') },
  },
});
const ids = o.rows.split(',');
for (const id of ids) if (!ROWS.some((r) => r.id === id)) throw new Error(`--rows: unknown row "${id}" (${ROWS.map((r) => r.id).join(', ')})`);
const log = (s) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

/** Each row's budget: the global options, then its --set ROW.KEY=VALUE overrides (the twin: the plain row's, then its own). */
function settingsOf(id) {
  const KEYS = { limit: 'limit', epochs: 'epochs', batch: 'batch', lr: 'lr', warmup: 'warmup', 'free-bits': 'freeBits' };
  const s = { limit: +o.limit, epochs: +o.epochs, batch: +o.batch, lr: +o.lr, warmup: o.warmup ? +o.warmup : NaN, freeBits: +o['free-bits'], testLimit: +o['test-limit'], k: +o.k, boundN: +o['bound-n'], samples: +o.samples };
  for (const rowId of id === 'twin' ? ['plain', 'twin'] : [id]) {
    for (const spec of o.set) {
      const m = /^(\w+)\.([\w-]+)=(.+)$/.exec(spec);
      if (!m || !ROWS.some((r) => r.id === m[1]) || !KEYS[m[2]] || !Number.isFinite(+m[3])) throw new Error(`--set ${spec}: expected ROW.KEY=NUMBER, KEY one of ${Object.keys(KEYS).join(', ')}`);
      if (m[1] === rowId) s[KEYS[m[2]]] = +m[3];
    }
  }
  if (!Number.isFinite(s.warmup)) s.warmup = Math.max(1, s.epochs - 1);
  return s;
}

// A benchmark whose speed is written down runs at autogroup nice −10 (autogroup scheduling: plain renice does
// nothing); the children inherit the autogroup. Root only; without it the figures say so.
let priority = 'normal priority';
try {
  writeFileSync(`/proc/${process.pid}/autogroup`, '-10');
  priority = 'autogroup nice −10';
} catch {
  // not root, or no autogroup scheduling: run as is
}

/** The first n images of an IDX3 file, binarised (≥ 128 → 255, else 0), as an uncompressed IDX3 file at `out`. */
function binarisedIdx(src, n, out) {
  const raw = gunzipSync(readFileSync(src));
  if (raw.readUInt32BE(0) !== 0x803) throw new Error(`${src}: not an IDX3 image file`);
  const count = Math.min(n, raw.readUInt32BE(4));
  const pixels = raw.readUInt32BE(8) * raw.readUInt32BE(12);
  const header = Buffer.from(raw.subarray(0, 16));
  header.writeUInt32BE(count, 4);
  writeFileSync(out, Buffer.concat([header, raw.subarray(16, 16 + count * pixels).map((v) => (v >= 128 ? 255 : 0))]));
  return out;
}

const cli = join(repo, 'dist/cli.js');
const ONE_THREAD = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', LATENT_EXPLORER_BLAS_THREADS: '1' };
const FLAGS = { plain: () => ['--decoder', 'pixelcnn'], long: () => ['--decoder', 'pixelcnn'], freebits: (s) => ['--decoder', 'pixelcnn', '--free-bits', String(s.freeBits)], warmup: (s) => ['--decoder', 'pixelcnn', '--warmup', String(s.warmup)], conv: () => ['--net', 'conv'] };

/** Runs one phase, logs and records its wall seconds. */
function timed(phases, name, fn) {
  const t0 = performance.now();
  const r = fn();
  phases[name] = (performance.now() - t0) / 1000;
  log(`  ${name}: ${phases[name].toFixed(1)} s`);
  return r;
}

function ours(id, s, tmp) {
  const dir = join(tmp, id);
  const train = join(tmp, `train${s.limit}-images-idx3-ubyte`);
  if (!existsSync(train)) binarisedIdx(join(DATA, 'train-images-idx3-ubyte.gz'), s.limit, train);
  const test = join(tmp, `t10k${s.testLimit}-images-idx3-ubyte`);
  if (!existsSync(test)) binarisedIdx(join(DATA, 't10k-images-idx3-ubyte.gz'), s.testLimit, test);
  const phases = {};
  const args = ['train', train, '--out', dir, ...FLAGS[id](s), '--latent', '32', '--hidden', '256', '--likelihood', 'bernoulli', '--batch', String(s.batch), '--lr', String(s.lr),
    '--seed', '1', '--validation', '0', '--epochs', String(s.epochs), '--json'];
  const commands = [`node dist/cli.js ${args.join(' ').replaceAll(tmp, '<tmp>')}`];
  log(`${id}: ${commands[0]}`);
  const t = timed(phases, 'train', () => runJson(process.execPath, [cli, ...args], ONE_THREAD));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const run = (phase, more) => {
    commands.push(`node dist/cli.js ${more.join(' ').replaceAll(tmp, '<tmp>')}`);
    return timed(phases, phase, () => runJson(process.execPath, [cli, ...more], ONE_THREAD));
  };
  const elbo = run('eval', ['eval', dir, test, '--iwae-k', '1', '--json']);
  const bound = run(`iwae k=${s.k}`, ['eval', dir, test, '--iwae-k', String(s.k), '--limit', String(s.boundN), '--json']);
  const metrics = run('samples', ['metrics', dir, test, '--max-images', String(s.samples), '--compare', String(s.samples), '--json']);
  return {
    phases, commands, matMul: t.acceleration?.matMul ?? null, samplesPerSec: median(manifest.epochs.map((e) => e.samplesPerSec)),
    trajectory: manifest.epochs.map((e) => [e.epoch, e.train.kl, e.train.activeUnits, e.train.klPerDim.filter((k) => k >= 0.01).length]),
    negElbo: elbo.neg_elbo, recon: elbo.recon, kl: elbo.kl, klPerDim: elbo.kl_per_dim, activeUnits: elbo.active_units, latentDim: elbo.kl_per_dim.length,
    verdict: elbo.collapse.verdict, usedDims: elbo.kl_per_dim.length - elbo.collapse.collapsed_dims.length, iwae: bound.iwae_bound, sharpness: metrics.sharpness,
  };
}

function twin(s) {
  const args = [join(repo, 'bench/peers/pytorch_pixelcnn.py'), '--data', DATA, '--limit', s.limit, '--test-limit', s.testLimit, '--epochs', s.epochs, '--batch', s.batch,
    '--lr', s.lr, '--k', s.k, '--bound-n', s.boundN, '--seed', '1'].map(String);
  const command = `OPENBLAS_NUM_THREADS=1 python3 ${args.join(' ').replace(`${repo}/`, '')}`;
  log(`twin: ${command}`);
  const t = runJson('/usr/bin/python3', args, ONE_THREAD);
  for (const [name, sec] of Object.entries(t.phases)) log(`  ${name}: ${sec.toFixed(1)} s`);
  return {
    phases: t.phases, commands: [command], torch: t.torch, samplesPerSec: median(t.samples_per_s), negElbo: t.neg_elbo, recon: t.recon, kl: t.kl, klPerDim: t.kl_per_dim,
    activeUnits: t.active_units, latentDim: t.kl_per_dim.length, verdict: t.verdict, usedDims: t.used_dims, iwae: t.iwae_bound, sharpness: null,
  };
}

const store = resolve(o.store);
const stored = existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : {};
if (!o['render-only']) {
  const tmp = mkdtempSync(join(tmpdir(), 'le-bench-pixelcnn-'));
  try {
    for (const id of ids) {
      if (id === 'twin' && spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) {
        log('twin skipped: /usr/bin/python3 has no torch');
        continue;
      }
      const settings = settingsOf(id);
      const start = loadavg()[0];
      const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const figures = id === 'twin' ? twin(settings) : ours(id, settings, tmp);
      stored[id] = { ...figures, settings, bench: `node bench/pixelcnn.mjs ${process.argv.slice(2).join(' ')}`.trim(), date, load: { start, end: loadavg()[0] }, priority };
      // at once: a long run stopped later keeps the rows it finished
      writeFileSync(store, `${JSON.stringify(stored, null, 1)}\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const section = renderPixelcnn(stored);
const out = resolve(o.out);
writeFileSync(out, spliceSection(existsSync(out) ? readFileSync(out, 'utf8') : '', section));
writeFileSync(resolve(o.md), `# PixelCNN-decoder VAE on binarised Fashion-MNIST\n\n${section.split('\n').slice(1, -1).join('\n')}\n\n${renderDetails(stored)}`);
process.stdout.write(`${section}\n`);
