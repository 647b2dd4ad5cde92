// `npm run bench`: trains the reference VAE (784-400-20 Bernoulli, batch 128, Adam 1e-3, 10 epochs, all 60 000
// Fashion-MNIST training images) with our engine (the CLI, wasm backend) and with a PyTorch peer in the same run,
// evaluates test −ELBO for both, and writes BENCHMARKS.md from what it measured. The conv row does the same for
// the reference conv VAE (`train --net conv`, bench/peers/pytorch_conv_vae.py: the same network in PyTorch).
// Options: --epochs N (10), --limit N (all 60 000), --threads 1,2 (PyTorch settings), --out FILE (BENCHMARKS.md),
// --nets mlp,conv (both; `--nets conv` measures the conv rows alone and writes only their section).
// Quick smoke run: npm run bench -- --epochs 2 --limit 6000
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runJson } from './runJson.mjs';
import { REFERENCE_LAYERS, countParameters, countSpecParameters, renderConvSection, renderReport } from './report.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = '/usr/share/datasets/fashion-mnist';
const TRAIN_FILE = join(DATA, 'train-images-idx3-ubyte.gz');
const TEST_FILE = join(DATA, 't10k-images-idx3-ubyte.gz');
const CLI = join(repo, 'dist/cli.js');
// Thread settings the peer's environment must not inherit from whoever started the bench.
const THREAD_VARS = ['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'GOTO_NUM_THREADS', 'MKL_NUM_THREADS'];

function fail(message) {
  console.error(message);
  process.exit(1);
}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      epochs: { type: 'string', default: '10' },
      limit: { type: 'string' },
      threads: { type: 'string', default: '1,2' },
      nets: { type: 'string', default: 'mlp,conv' },
      out: { type: 'string', default: join(repo, 'BENCHMARKS.md') },
      // re-render BENCHMARKS.md from the last run's raw figures (out/bench/last-run.json) with the current test and
      // loading measurements, without training anything again
      'render-only': { type: 'boolean', default: false },
    },
  });
  const epochs = Number(values.epochs);
  const limit = values.limit === undefined ? null : Number(values.limit);
  const threads = values.threads.split(',').map(Number);
  if (!Number.isInteger(epochs) || epochs < 1) fail(`--epochs must be a positive integer, got "${values.epochs}"`);
  if (limit !== null && (!Number.isInteger(limit) || limit < 1)) fail(`--limit must be a positive integer, got "${values.limit}"`);
  if (threads.some((t) => !Number.isInteger(t) || t < 1)) fail(`--threads must list positive integers, got "${values.threads}"`);
  const nets = values.nets.split(',');
  if (nets.length === 0 || nets.some((n) => n !== 'mlp' && n !== 'conv')) fail(`--nets must list mlp and/or conv, got "${values.nets}"`);
  return { epochs, limit, threads, nets, out: values.out, renderOnly: values['render-only'] };
}

/** Debian's python3-torch lives in /usr/bin/python3; `python3` on PATH may be another interpreter without torch. */
function findTorchPython() {
  for (const py of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(py, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

function peerEnv(openblasThreads) {
  const env = { ...process.env };
  for (const v of THREAD_VARS) delete env[v];
  if (openblasThreads !== null) env.OPENBLAS_NUM_THREADS = String(openblasThreads);
  return env;
}

/** Best GFLOP/s of a 1024² float32 numpy matmul with `threads` OpenBLAS threads: what this CPU can do at best. */
function measureSgemmCeiling(py, threads) {
  return runJson(py, [join(repo, 'bench/peers/sgemm_ceiling.py')], peerEnv(threads));
}

/** One PyTorch process: `threads` torch threads, OpenBLAS pinned to the same count or (null) left at its default. */
function runPeer(py, opt, threads, openblasThreads, script = 'pytorch_vae.py') {
  const args = [join(repo, 'bench/peers', script), '--epochs', String(opt.epochs), '--threads', String(threads)];
  if (opt.limit) args.push('--limit', String(opt.limit));
  const blasSetting = openblasThreads === null ? 'OPENBLAS_NUM_THREADS unset' : `OPENBLAS_NUM_THREADS=${openblasThreads}`;
  process.stderr.write(`PyTorch: torch.set_num_threads(${threads}), ${blasSetting}…\n`);
  const p = runJson(py, args, peerEnv(openblasThreads));
  return {
    command: `${openblasThreads === null ? '' : `OPENBLAS_NUM_THREADS=${openblasThreads} `}${py} ${args.map((a) => a.replace(repo + '/', '')).join(' ')}`,
    row: {
      isPeer: true,
      engine: `PyTorch ${p.torch}`,
      setting: `${p.torch_threads} torch thread(s), ${blasSetting} (OpenBLAS used ${p.openblas_threads ?? '?'})`,
      samplesPerSec: p.samples_per_s,
      testNegElbo: p.test_neg_elbo,
      cpuPerWall: p.cpuPerWall,
    },
    facts: p,
  };
}

/**
 * Target 5: RSS and live tensors over 20 epochs of real data (the first 20 000 training images, to keep the run
 * short), as the CLI samples them after each epoch. Growth is measured from epoch 3, when the optimizer state,
 * the wasm heap and V8's JIT have settled.
 */
function runMemory() {
  const tmp = mkdtempSync(join(tmpdir(), 'le-bench-mem-'));
  const args = ['train', TRAIN_FILE, '--out', join(tmp, 'model'), '--epochs', '20', '--limit', '20000', '--latent', '20', '--hidden', '400',
    '--likelihood', 'bernoulli', '--batch', '128', '--lr', '0.001', '--validation', '0', '--seed', '1', '--json'];
  try {
    process.stderr.write('Latent Explorer, memory over 20 epochs (node dist/cli.js train)…\n');
    // --expose-gc: the CLI collects before each sample, so RSS shows retained memory, not V8's garbage of the moment
    const t = runJson(process.execPath, ['--expose-gc', CLI, ...args]);
    return { command: `node --expose-gc dist/cli.js ${args.join(' ').replaceAll(tmp, '<tmp>')}`, memory: t.memory };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** What our run used, from the CLI's own report: the native kernels (OpenBLAS matMul, fused Adam) or tfjs-wasm alone. */
function describeSetting(t) {
  const a = t.acceleration;
  const threads = `${a?.matMul?.threads} thread${a?.matMul?.threads === 1 ? '' : 's'}`;
  // train_step 'fused': the whole step in one native call (native/vae_step.cc), the default for this MLP VAE
  if (native(a) && t.train_step === 'fused') return `native fused training step (forward, backward, Adam in C++; OpenBLAS sgemm, ${threads})`;
  if (native(a)) return `${t.backend} + native kernels: OpenBLAS sgemm (${threads}), fused Adam`;
  return `${t.backend} backend only, 1 thread (${a?.matMul?.reason ?? 'no native kernels'})`;
}

function native(a) {
  return a?.matMul?.kind === 'blas' && a?.adam?.kind === 'native';
}

/** Our engine through the project's CLI: train into a fresh folder, then eval on the test set. */
/** Our three ways to run: native kernels as shipped (OpenBLAS on every core, as the CLI and the editor's job process run), with one OpenBLAS thread, none. */
const VARIANTS = {
  native: { label: 'native kernels (the default)', env: { LATENT_EXPLORER_NATIVE: '1' } },
  native1: { label: 'native kernels, one OpenBLAS thread', env: { LATENT_EXPLORER_NATIVE: '1', LATENT_EXPLORER_BLAS_THREADS: '1' } },
  wasm: { label: 'tfjs-wasm only', env: { LATENT_EXPLORER_NATIVE: '0' } },
};

/** The network flags of each benchmarked architecture: the MLP 784-400-20 and the reference conv VAE (Dense 256). */
const NETS = { mlp: ['--hidden', '400'], conv: ['--net', 'conv', '--hidden', '256'] };

function runOurs(opt, variant, net = 'mlp') {
  const v = VARIANTS[variant];
  const tmp = mkdtempSync(join(tmpdir(), 'le-bench-'));
  const dir = join(tmp, 'model');
  const train = ['train', TRAIN_FILE, '--out', dir, '--epochs', String(opt.epochs), '--latent', '20', ...NETS[net],
    '--likelihood', 'bernoulli', '--batch', '128', '--lr', '0.001', '--validation', '0', '--seed', '1', '--json'];
  if (opt.limit) train.push('--limit', String(opt.limit));
  const evalArgs = ['eval', dir, TEST_FILE, '--iwae-k', '1', '--json'];
  try {
    process.stderr.write(`Latent Explorer, ${net}, ${v.label} (node dist/cli.js train)…\n`);
    const env = { ...process.env, ...v.env };
    const envText = Object.entries(v.env).map(([k, val]) => `${k}=${val}`).join(' ');
    const t = runJson(process.execPath, [CLI, ...train], env);
    process.stderr.write('Latent Explorer (node dist/cli.js eval)…\n');
    const e = runJson(process.execPath, [CLI, ...evalArgs], env);
    // The CLI's JSON has the mean over all epochs only; the manifest keeps every epoch's throughput.
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    if (t.status !== 'completed' || manifest.epochs.length !== opt.epochs) {
      throw new Error(`our training ended "${t.status}" after ${manifest.epochs.length} of ${opt.epochs} epochs`);
    }
    return {
      commands: [train, evalArgs].map((a) => `${envText} node dist/cli.js ${a.join(' ').replaceAll(tmp, '<tmp>')}`),
      row: {
        isPeer: false,
        engine: 'Latent Explorer (tfjs 4.22)',
        setting: describeSetting(t),
        samplesPerSec: manifest.epochs.map((m) => m.samplesPerSec),
        testNegElbo: e.neg_elbo,
        cpuPerWall: t.cpuPerWall,
      },
      parameters: countSpecParameters(manifest.weights.specs),
      nTest: e.n_images,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function cpuModel() {
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
  return line ? line.split(':')[1].trim() : 'unknown';
}

/** The PyTorch settings to measure: each thread count with OpenBLAS pinned to it, and with OpenBLAS at its default. */
function peerSettings(threads, nproc) {
  const settings = threads.map((t) => [t, t]);
  const skipped = [];
  // OpenBLAS's default pool is all cores, so "unset" differs from "pinned" only below nproc threads.
  for (const t of threads) {
    if (t < nproc) settings.push([t, null]);
    else skipped.push(`${t} torch thread(s) with OPENBLAS_NUM_THREADS unset, the same as pinning it to nproc = ${nproc}`);
  }
  return { settings, skipped };
}

function checkPrerequisites() {
  if (!existsSync(TRAIN_FILE) || !existsSync(TEST_FILE)) {
    fail(`Fashion-MNIST not found in ${DATA} (train-images-idx3-ubyte.gz, t10k-images-idx3-ubyte.gz).\nInstall it: apt-get install dataset-fashion-mnist`);
  }
  const py = findTorchPython();
  if (!py) fail('No Python that can `import torch, numpy` (tried /usr/bin/python3, python3).\nInstall it: apt-get install python3-torch libopenblas0-pthread');
  if (!existsSync(CLI)) fail(`${CLI} is missing: build it first (node scripts/build.mjs; npm run bench does this).`);
  return py;
}

/**
 * Targets 3 and 4 are measured where they happen, by `npm test`: the event loop inside code-server's extension
 * host, decode latency inside headless Chromium. Those tests leave their figures in out/measurements/; the
 * report quotes them with their own timestamps and says when they are missing.
 */
function readTestMeasurements() {
  const read = (name) => {
    const file = join(repo, 'out', 'measurements', name);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  };
  return { eventLoop: read('event-loop.json'), decodeLatency: read('decode-latency.json') };
}

/** Targets 6 and 7 are measured by bench/loading.mjs and bench/scale.mjs (they write 60 000 and 100 000 PNG files first), the job processes of an open model by bench/openModel.mjs, the latent map by bench/mapFrames.mjs, imported ONNX models by bench/onnx/ (bench/onnx.md): their reports are quoted. */
function readLoading() {
  const files = ['loading.md', 'scale.md', 'openModel.md', 'mapFrames.md', 'onnx.md'].map((f) => join(repo, 'bench', f)).filter((f) => existsSync(f));
  return files.length ? files.map((f) => readFileSync(f, 'utf8').trim()).join('\n\n') : null;
}

function writeReport(path, measured) {
  // the raw figures beside the rendered report, so a report change can be checked against a real run
  mkdirSync(join(repo, 'out', 'bench'), { recursive: true });
  writeFileSync(join(repo, 'out', 'bench', 'last-run.json'), JSON.stringify(measured, null, 2));
  const md = renderReport(measured);
  writeFileSync(path, md);
  process.stdout.write(md);
}

/**
 * The conv rows: the reference conv VAE with PyTorch at each thread count, OpenBLAS pinned to it and (above one
 * thread) to one thread, since torch's own threads around a threaded sgemm oversubscribe the cores; and with our
 * engine as shipped (native kernels). tfjs-wasm alone is left out: without the native conv kernels an epoch of
 * 60 000 images takes the better part of an hour on two cores.
 */
function runConv(py, opt) {
  const settings = opt.threads.flatMap((t) => (t > 1 ? [[t, t], [t, 1]] : [[t, t]]));
  const peers = settings.map(([t, blas]) => runPeer(py, opt, t, blas, 'pytorch_conv_vae.py'));
  const ours = runOurs(opt, 'native', 'conv');
  for (const p of peers) {
    if (p.facts.n_weights !== ours.parameters) throw new Error(`PyTorch's conv VAE has ${p.facts.n_weights} parameters, ours ${ours.parameters}: the models differ`);
  }
  return {
    parameters: ours.parameters,
    rows: [...peers.map((p) => p.row), ours.row],
    commands: [...peers.map((p) => p.command), ...ours.commands],
  };
}

function main() {
  const argv = process.argv.slice(2);
  const opt = parseOptions(argv);
  if (opt.renderOnly) {
    const last = join(repo, 'out', 'bench', 'last-run.json');
    if (!existsSync(last)) fail(`${last} is missing: run npm run bench once first`);
    writeReport(opt.out, { ...JSON.parse(readFileSync(last, 'utf8')), tests: readTestMeasurements(), loading: readLoading() });
    return;
  }
  const py = checkPrerequisites();
  const nproc = availableParallelism();
  const loadStart = loadavg()[0];
  if (loadStart > 1) process.stderr.write(`warning: load average ${loadStart.toFixed(2)}: other work is running, figures will be low\n`);
  if (!opt.nets.includes('mlp')) {
    const conv = runConv(py, opt);
    const md = renderConvSection({ ...conv, settings: { epochs: opt.epochs, limit: opt.limit }, load: { start: loadStart, end: loadavg()[0] }, date: new Date().toISOString() });
    writeFileSync(opt.out, md);
    process.stdout.write(md);
    return;
  }
  const sgemmOne = measureSgemmCeiling(py, 1);
  const sgemmAll = measureSgemmCeiling(py, nproc);
  const plan = peerSettings(opt.threads, nproc);
  const peers = plan.settings.map(([t, blas]) => runPeer(py, opt, t, blas));
  // both of our paths in the same run: with the native kernels (the default where they build) and without
  const oursNative = runOurs(opt, 'native');
  const oursNative1 = runOurs(opt, 'native1');
  const oursWasm = runOurs(opt, 'wasm');
  const ours = oursNative;
  const memory = runMemory();
  const conv = opt.nets.includes('conv') ? runConv(py, opt) : null;
  const expected = countParameters(REFERENCE_LAYERS);
  for (const [who, n] of [['our manifest', ours.parameters], ['our manifest (1 thread)', oursNative1.parameters], ['our manifest (wasm only)', oursWasm.parameters], ...peers.map((p) => ['PyTorch numel()', p.facts.n_weights])]) {
    if (n !== expected) throw new Error(`${who} counts ${n} parameters, the 784-400-20 formula ${expected}: the models differ`);
  }
  const facts = peers[0].facts;
  writeReport(opt.out, {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    settings: { epochs: opt.epochs, limit: opt.limit },
    machine: {
      nproc, cpuModel: cpuModel(), node: process.version, python: py, torch: facts.torch,
      numpy: sgemmOne.numpy, blasInfo: facts.blas_info, blasLibs: facts.blas_libs,
    },
    load: { start: loadStart, end: loadavg()[0] },
    ceiling: { one: sgemmOne.sgemm_gflops, all: sgemmAll.sgemm_gflops },
    parameters: expected,
    kernelWeights: REFERENCE_LAYERS.reduce((n, [i, o]) => n + i * o, 0),
    nTest: ours.nTest,
    rows: [...peers.map((p) => p.row), oursNative.row, oursNative1.row, oursWasm.row],
    conv,
    skipped: plan.skipped,
    memory: memory.memory,
    tests: readTestMeasurements(),
    loading: readLoading(),
    commands: [...peers.map((p) => p.command), ...oursNative.commands, ...oursNative1.commands, ...oursWasm.commands, memory.command, ...(conv?.commands ?? [])],
  });
}

main();
