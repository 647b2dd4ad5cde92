// `npm run bench`: trains the reference VAE (784-400-20 Bernoulli, batch 128, Adam 1e-3) on Fashion-MNIST with
// our engine (the CLI, wasm backend) and with a PyTorch peer in the same run, evaluates test −ELBO for both, and
// writes BENCHMARKS.md. Options: --epochs N (10), --limit N (all 60 000), --threads 1,2 (PyTorch settings).
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = '/usr/share/datasets/fashion-mnist';
const { values: opt } = parseArgs({ options: { epochs: { type: 'string', default: '10' }, limit: { type: 'string' }, threads: { type: 'string', default: '1,2' }, out: { type: 'string', default: join(repo, 'BENCHMARKS.md') } } });
const epochs = Number(opt.epochs);
// weights of 784-400-20 with the decoder mirror: every dense layer's kernel + bias
const LAYERS = [[784, 400], [400, 20], [400, 20], [20, 400], [400, 784]];
const WEIGHTS = LAYERS.reduce((n, [i, o]) => n + i * o + o, 0);
const FLOP_PER_SAMPLE = 6 * WEIGHTS; // forward 2·W, backward 4·W

function findTorchPython() {
  for (const py of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

function runJson(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

function runPeer(py, threads) {
  const args = [join(repo, 'bench/peers/pytorch_vae.py'), '--epochs', String(epochs), '--threads', String(threads)];
  if (opt.limit) args.push('--limit', opt.limit);
  process.stderr.write(`PyTorch, ${threads} thread(s)…\n`);
  return runJson(py, args, { OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) });
}

function runOurs() {
  const dir = join(mkdtempSync(join(tmpdir(), 'le-bench-')), 'model');
  const cli = join(repo, 'dist/cli.js');
  const train = ['train', join(DATA, 'train-images-idx3-ubyte.gz'), '--out', dir, '--epochs', String(epochs), '--latent', '20', '--hidden', '400',
    '--likelihood', 'bernoulli', '--batch', '128', '--lr', '0.001', '--validation', '0', '--seed', '1', '--json'];
  if (opt.limit) train.push('--limit', opt.limit);
  process.stderr.write('Latent Explorer (tfjs wasm)…\n');
  const t = runJson(process.execPath, [cli, ...train]);
  const e = runJson(process.execPath, [cli, 'eval', dir, join(DATA, 't10k-images-idx3-ubyte.gz'), '--iwae-k', '0', '--json']);
  rmSync(dirname(dir), { recursive: true, force: true });
  // per-epoch samples/s come from the model's manifest-free JSON: final holds the last epoch only, so use the mean
  return { backend: t.backend, samples_per_s_mean: t.samples_per_s, test_neg_elbo: e.neg_elbo, n_train: t.n_train };
}

const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const fmt = (v, d = 0) => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function cpuModel() {
  return cpus()[0]?.model ?? 'unknown CPU';
}

function main() {
  if (!existsSync(join(DATA, 'train-images-idx3-ubyte.gz'))) {
    console.error(`Fashion-MNIST not found in ${DATA}: apt-get install dataset-fashion-mnist`);
    process.exit(1);
  }
  const py = findTorchPython();
  if (!py) {
    console.error('No Python with torch found: apt-get install python3-torch libopenblas0-pthread');
    process.exit(1);
  }
  const ceiling = runJson(py, [join(repo, 'bench/peers/sgemm_ceiling.py')], { OPENBLAS_NUM_THREADS: String(cpus().length) });
  const peers = opt.threads.split(',').map(Number).map((t) => runPeer(py, t));
  const ours = runOurs();
  for (const p of peers) p.sps = mean(p.samples_per_s);
  const best = peers.reduce((a, b) => (b.sps > a.sps ? b : a));
  const rows = [
    ...peers.map((p) => ({ name: `PyTorch ${p.torch} (${p.blas})`, setting: `${p.threads} thread(s)`, sps: p.sps, nelbo: p.test_neg_elbo })),
    { name: 'Latent Explorer (tfjs 4.22)', setting: `${ours.backend} backend, 1 thread`, sps: ours.samples_per_s_mean, nelbo: ours.test_neg_elbo },
  ];
  const rel = (ours.test_neg_elbo - best.test_neg_elbo) / best.test_neg_elbo;
  const date = new Date().toISOString().slice(0, 10);
  const settings = `${epochs} epochs, ${opt.limit ? `first ${opt.limit}` : 'all 60 000'} training images, batch 128, Adam lr 1e-3 (ε 1e-8), 784-400-20 Bernoulli`;
  const table = rows
    .map((r) => `| ${r.name} | ${r.setting} | ${fmt(r.sps)} | ${fmt((r.sps * FLOP_PER_SAMPLE) / 1e9, 1)} | ${fmt((100 * r.sps * FLOP_PER_SAMPLE) / 1e9 / ceiling.sgemm_gflops, 1)}% | ${fmt(r.sps / best.sps, 2)} | ${fmt(r.nelbo, 2)} |`)
    .join('\n');
  const md = `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs); every figure below was measured in one run, on ${date}.
Re-run: \`npm run bench\` (quick smoke run: \`npm run bench -- --epochs 1 --limit 6000\`).

Machine: ${cpus().length} × ${cpuModel()}, Node ${process.version}, PyTorch from Debian (${py}).
Settings: ${settings}. Test −ELBO: mean over the 10 000 test images, one z sample per image, nats.
GFLOP/s counts 6 × ${fmt(WEIGHTS)} weights = ${fmt(FLOP_PER_SAMPLE / 1e6, 2)} MFLOP per training sample; the sgemm
ceiling of this machine, measured in the same run (numpy/OpenBLAS 1024² float32 matmul, all cores), was ${fmt(ceiling.sgemm_gflops, 1)} GFLOP/s.

| engine | setting | samples/s (mean over epochs) | GFLOP/s | of sgemm ceiling | × best PyTorch | test −ELBO |
|---|---|---|---|---|---|---|
${table}

**Quality:** our test −ELBO is ${fmt(Math.abs(rel) * 100, 2)}% ${rel <= 0 ? 'lower (better) than' : 'higher (worse) than'} the best PyTorch run's
(${fmt(ours.test_neg_elbo, 2)} vs ${fmt(best.test_neg_elbo, 2)} nats): ${rel <= 0.005 ? 'within' : 'OUTSIDE'} the 0.5% target.
**Speed:** ${fmt(ours.samples_per_s_mean / best.sps, 3)}× the best PyTorch setting (${best.threads} thread(s)).
`;
  writeFileSync(opt.out, md);
  process.stdout.write(md);
}

main();
