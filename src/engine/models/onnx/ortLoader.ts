// Which ONNX Runtime runs an imported model in Node: onnxruntime-node when the user has it installed (native, about
// 5× faster on small MLPs; see BENCHMARKS.md) — never a dependency of ours, its linux-x64 install downloads a CUDA
// provider unless ONNXRUNTIME_NODE_INSTALL=skip — else onnxruntime-web's WebAssembly build, which ships with the
// extension (one thread). LATENT_EXPLORER_ONNXRUNTIME=web forces the latter; LATENT_EXPLORER_ONNXRUNTIME_NODE
// names an onnxruntime-node folder to load from.
import type * as ortTypes from 'onnxruntime-web';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LoadedRuntime {
  ort: typeof ortTypes;
  name: string;
}

const WASM_FILE = 'ort-wasm-simd-threaded.wasm';

function tryNode(): LoadedRuntime | null {
  if (process.env.LATENT_EXPLORER_ONNXRUNTIME === 'web') return null;
  const where = process.env.LATENT_EXPLORER_ONNXRUNTIME_NODE;
  try {
    // resolved at run time only: the bundles mark it external (scripts/build.mjs), and it is not installed here
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = (where ? require(where) : require('onnxruntime-node')) as typeof ortTypes;
    return { ort, name: 'onnxruntime-node' };
  } catch {
    return null;
  }
}

/** The folder holding onnxruntime-web's wasm glue and binary: beside the bundle (dist/), or the package's own. */
export function ortWasmDir(exists: (file: string) => boolean): string {
  const candidates = [__dirname, join(__dirname, '..', '..', '..', '..', 'dist')];
  try {
    candidates.push(dirname(require.resolve('onnxruntime-web')));
  } catch {
    // a bundle without node_modules beside it: dist/ has the copy
  }
  const dir = candidates.find((d) => exists(join(d, WASM_FILE)));
  if (!dir) throw new Error(`${WASM_FILE} is not beside ${__filename} nor in node_modules/onnxruntime-web: the installation is incomplete`);
  return dir;
}

export function loadRuntime(exists: (file: string) => boolean): LoadedRuntime {
  const native = tryNode();
  if (native) return native;
  // require, not import: the package's "require" build (ort.node.min.js) works inside a CommonJS bundle; its ESM
  // build reads import.meta.url, which esbuild's CommonJS output leaves undefined
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ortWeb = require('onnxruntime-web') as typeof ortTypes;
  ortWeb.env.wasm.numThreads = 1;
  ortWeb.env.wasm.wasmPaths = `${pathToFileURL(ortWasmDir(exists)).href}/`;
  return { ort: ortWeb, name: 'onnxruntime-web (wasm, 1 thread)' };
}
