// Per-op times of the 28×28 reference conv VAE's four conv layers at batch 128 (issue 10, "Speed"): forward, input
// gradient (dX) and weight gradient (dW) of each, on our native kernels (im2col + OpenBLAS, native/conv.cc) with
// OpenBLAS's default threads and with one; on tfjs-wasm's own kernels (Conv2D, Conv2DBackpropInput; it has no
// Conv2DBackpropFilter); on what runs without the addon (src/engine/kernels/conv{Input,Filter}Grad.ts: both
// gradients through tfjs-wasm's Conv2D); and on PyTorch (bench/peers/pytorch_conv_ops.py, 1 and 2 threads). Each setting runs in its own process (OpenBLAS's thread count
// is fixed at load); each figure is the best of --runs after a warm-up, wall-clock ms, plus the process's CPU ms for
// the one-thread settings (robust when other work shares the cores). Prints a markdown table.
// Usage: node bench/convOps.mjs [--runs 5] [--batch 128] [--no-torch]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    batch: { type: 'string', default: '128' },
    child: { type: 'string' },
    'no-torch': { type: 'boolean', default: false },
  },
});
const runs = Number(opts.runs);
const batch = Number(opts.batch);

// k4 s2 p1 throughout. A Conv layer's forward pass is Conv2D, its dX Conv2DBackpropInput; a ConvTranspose layer's
// forward pass is Conv2DBackpropInput, its dX Conv2D. Both shapes are given as the convolution's: big side
// [side, side, c] → small side [side/2, side/2, o], filter [4, 4, c, o].
const LAYERS = [
  { name: 'enc1 Conv 1->32 28->14', side: 28, c: 1, o: 32, transposed: false },
  { name: 'enc2 Conv 32->64 14->7', side: 14, c: 32, o: 64, transposed: false },
  { name: 'dec1 ConvT 64->32 7->14', side: 14, c: 32, o: 64, transposed: true },
  { name: 'dec2 ConvT 32->1 14->28', side: 28, c: 1, o: 32, transposed: true },
];

/** Times the three ops of every layer on the kernels registered now; returns {layer: {op: ms}}. */
async function measure(tsxRequire) {
  const tf = tsxRequire('@tensorflow/tfjs-core', import.meta.url);
  const times = {};
  // CPU time of the whole process: with one thread it is the op's cost even when other processes take turns on the cores
  const cpuTimes = {};
  for (const l of LAYERS) {
    const big = tf.randomNormal([batch, l.side, l.side, l.c], 0, 1, 'float32', 1);
    const small = tf.randomNormal([batch, l.side / 2, l.side / 2, l.o], 0, 1, 'float32', 2);
    const filterShape = [4, 4, l.c, l.o];
    const w = tf.randomNormal(filterShape, 0, 0.1, 'float32', 3);
    const attrs = { strides: 2, pad: [[0, 0], [1, 1], [1, 1], [0, 0]], dataFormat: 'NHWC', dilations: 1 };
    const conv = () => tf.engine().runKernel('Conv2D', { x: big, filter: w }, attrs);
    const input = () => tf.engine().runKernel('Conv2DBackpropInput', { dy: small, filter: w }, { ...attrs, inputShape: big.shape });
    const filter = () => tf.engine().runKernel('Conv2DBackpropFilter', { x: big, dy: small }, { ...attrs, filterShape });
    const ops = l.transposed ? { forward: input, dX: conv, dW: filter } : { forward: conv, dX: input, dW: filter };
    times[l.name] = {};
    cpuTimes[l.name] = {};
    for (const [op, fn] of Object.entries(ops)) {
      let best = Infinity;
      let bestCpu = Infinity;
      for (let r = -2; r < runs; r++) {
        const cpu = process.cpuUsage();
        const start = performance.now();
        const out = fn();
        // tfjs-wasm's kernels are synchronous: the result is in the heap when runKernel returns
        const ms = performance.now() - start;
        const used = process.cpuUsage(cpu);
        out.dispose();
        if (r >= 0) best = Math.min(best, ms);
        if (r >= 0) bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
      }
      times[l.name][op] = best;
      cpuTimes[l.name][op] = bestCpu;
    }
    tf.dispose([big, small, w]);
  }
  return { times, cpuTimes };
}

async function child(kind) {
  const { require: tsxRequire } = await import('tsx/cjs/api');
  const backend = tsxRequire('../src/engine/backend.ts', import.meta.url);
  const conv = tsxRequire('../src/engine/kernels/conv2d.ts', import.meta.url);
  await backend.initBackend('wasm');
  const acc = backend.accelerationInUse();
  if (kind !== 'native') conv.uninstallNativeConv();
  if (kind === 'wasm-own') tsxRequire('../src/engine/kernels/convInputGrad.ts', import.meta.url).unregisterConv2DBackpropInputFallback();
  if (kind === 'native' && !conv.nativeConvInstalled()) throw new Error(`native convolutions not installed (${acc.matMul.reason ?? 'rebuild: node scripts/buildNative.mjs'})`);
  const threads = acc.matMul.kind === 'blas' ? acc.matMul.threads : 0;
  console.log(JSON.stringify({ kind, threads, ...(await measure(tsxRequire)) }));
}

/** One setting's times, or empty ones (printed as –) when it cannot run here, e.g. no native addon. */
function runChild(kind, env) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, '--runs', String(runs), '--batch', String(batch)], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop());
  console.error(`${kind} (${JSON.stringify(env)}) did not run:\n${r.stderr.trim().split('\n').slice(0, 3).join('\n')}`);
  const empty = Object.fromEntries(LAYERS.map((l) => [l.name, {}]));
  return { kind, threads: 0, times: empty, cpuTimes: empty };
}

function runTorch() {
  const r = spawnSync('/usr/bin/python3', [join(repo, 'bench/peers/pytorch_conv_ops.py'), '--batch', String(batch), '--runs', String(runs), '--threads', '1,2'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`PyTorch peer failed (apt-get install python3-torch libopenblas0-pthread):\n${r.stderr}`);
    return null;
  }
  return JSON.parse(r.stdout);
}

async function main() {
  if (opts.child) return child(opts.child);
  const load = loadavg()[0].toFixed(2);
  const native = runChild('native', {});
  const native1 = runChild('native', { LATENT_EXPLORER_BLAS_THREADS: '1' });
  const wasmOwn = runChild('wasm-own', {});
  const wasm = runChild('wasm', {});
  const torch = opts['no-torch'] ? null : runTorch();
  const f = (ms) => (ms === undefined ? '–' : ms.toFixed(1));
  const header = [
    'layer',
    'op',
    `native ${native.threads} thr`,
    'native 1 thr',
    'native 1 thr CPU',
    "tfjs-wasm's own",
    'no addon (via Conv2D)',
    'PyTorch 1 thr',
    'PyTorch 1 thr CPU',
    'PyTorch 2 thr',
    'best PyTorch / best native',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const l of LAYERS) {
    for (const op of ['forward', 'dX', 'dW']) {
      const t = torch?.times[l.name][op];
      const ours = Math.min(native.times[l.name][op] ?? Infinity, native1.times[l.name][op] ?? Infinity);
      const bestTorch = t ? Math.min(t['1'], t['2']) : undefined;
      const ratio = bestTorch && Number.isFinite(ours) ? `${(bestTorch / ours).toFixed(2)}×` : '–';
      const row = [
        l.name,
        op,
        f(native.times[l.name][op]),
        f(native1.times[l.name][op]),
        f(native1.cpuTimes[l.name][op]),
        op === 'dW' ? 'no kernel' : f(wasmOwn.times[l.name][op]),
        f(wasm.times[l.name][op]),
        f(t?.['1']),
        f(torch?.cpu_times[l.name][op]['1']),
        f(t?.['2']),
        ratio,
      ];
      lines.push(`| ${row.join(' | ')} |`);
    }
  }
  console.log(`Conv VAE layer ops, batch ${batch}, ms (best of ${runs}); load average at start ${load}${torch ? `; torch ${torch.torch}` : ''}\n`);
  console.log(lines.join('\n'));
}

await main();
