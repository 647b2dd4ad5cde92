// One esbuild script for every bundle: the extension host, the training worker, the dataset loader's decode
// worker, the CLI (node, cjs), the two webview pages (browser), the loading benchmark's entry and the in-host
// integration tests. `--watch` rebuilds on change, `--production` minifies.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  // onnxruntime-node is the user's, never ours: loaded at run time when installed (engine/models/onnx/ortLoader.ts)
  external: ['vscode', 'onnxruntime-node'],
  logLevel: 'warning',
};

const browser = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...node, entryPoints: [join(root, 'src/extension/extension.ts')], outfile: join(root, 'dist/extension.js') },
  { ...node, entryPoints: [join(root, 'src/worker/trainWorker.ts')], outfile: join(root, 'dist/worker.js') },
  // the dataset loader's decode threads, found beside whichever bundle loads a dataset (src/data/decodePool.ts)
  { ...node, entryPoints: [join(root, 'src/data/decodeWorker.ts')], outfile: join(root, 'dist/decodeWorker.js') },
  // the thread ONNX Runtime runs an imported model on (src/engine/models/onnx/syncRunner.ts)
  { ...node, entryPoints: [join(root, 'src/engine/models/onnx/onnxWorker.ts')], outfile: join(root, 'dist/onnxWorker.js') },
  {
    ...node,
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: join(root, 'dist/cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  },
  { ...browser, entryPoints: [join(root, 'src/webview/main.ts')], outfile: join(root, 'dist/webview.js') },
  { ...browser, entryPoints: [join(root, 'src/webview/side/main.ts')], outfile: join(root, 'dist/sideview.js') },
  { ...browser, entryPoints: [join(root, 'src/webview/compare/main.ts')], outfile: join(root, 'dist/compare.js') },
  // bench/loading.mjs times loadDataset through this; it stays in out/, out of the .vsix
  { ...node, entryPoints: [join(root, 'bench/loadEntry.ts')], outfile: join(root, 'out/bench/load.js') },
  // bench/onnx/report.mjs times an imported model's decode in Chromium through this (the page's OnnxPageVae)
  { ...browser, entryPoints: [join(root, 'bench/onnx/pageDecode.ts')], outfile: join(root, 'out/bench/onnxPageDecode.js') },
  {
    ...node,
    entryPoints: [join(root, 'test/integration/suite/index.ts')],
    outfile: join(root, 'out/test/integration/index.js'),
    external: ['vscode', 'mocha'],
  },
  // the smoke path test/integration/vsix.test.ts runs against the installed .vsix (which carries no tests)
  { ...node, entryPoints: [join(root, 'test/integration/installed/smoke.ts')], outfile: join(root, 'out/test/installed/index.js') },
];

// The wasm backend loads its .wasm files at run time from next to the bundle.
function copyWasm() {
  const from = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const f of readdirSync(from).filter((n) => n.endsWith('.wasm'))) {
    cpSync(join(from, f), join(root, 'dist', f));
  }
}

// onnxruntime-web's plain WebAssembly build (SIMD, no JSEP/WebGPU, no asyncify/JSPI): its glue for Node's
// onnxWorker.js and its binary for Node and the pages; the package's other variants stay out of the .vsix
function copyOrtWasm() {
  const from = join(root, 'node_modules/onnxruntime-web/dist');
  for (const f of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs']) cpSync(join(from, f), join(root, 'dist', f));
}

copyWasm();
copyOrtWasm();
if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
// the optional native kernels (dist/kernels.node); a missing compiler or header only prints why
// (LATENT_EXPLORER_REQUIRE_NATIVE=1, set by CI, makes it an error instead)
const requireNative = process.env.LATENT_EXPLORER_REQUIRE_NATIVE === '1' ? ['--require'] : [];
const native = spawnSync(process.execPath, [join(root, 'scripts/buildNative.mjs'), ...requireNative], { stdio: 'inherit' });
if (native.status !== 0) process.exit(native.status ?? 1);
