// Chooses and initialises the tfjs backend once per process. In Node the wasm backend (XNNPACK, SIMD) is
// about 7× faster than the pure-JS cpu backend on this workload; cpu stays as the fallback when the .wasm
// files cannot be found or instantiated.
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone has no gradients registered; the union package does this import for its users.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installBlasMatMul } from './blasMatMul';
import { hasNativeConv, installNativeConv } from './kernels/conv2d';
import { registerConv2DBackpropFilterFallback } from './kernels/convFilterGrad';
import { registerConv2DBackpropInputFallback } from './kernels/convInputGrad';
import { installSharedIdentity } from './wasmIdentity';
import { setNativeKernels, type NativeKernels } from './nativeKernels';

export type BackendName = 'wasm' | 'cpu';

/** What runs the hot kernels: the optional native addon (with OpenBLAS for matMul), or why not. */
export interface Acceleration {
  /** 'blas': OpenBLAS through the addon; 'wasm': tfjs-wasm's XNNPACK kernel (or the cpu backend's). */
  matMul: { kind: 'blas'; library: string; config: string; threads: number } | { kind: 'wasm'; reason: string };
  /** 'native': one fused pass per variable; 'tfjs': tfjs's own Adam. */
  adam: { kind: 'native' } | { kind: 'tfjs'; reason: string };
}

// 0 = OpenBLAS's default, every core (A/B on 2 cores: ~18 000 vs ~15 500 samples/s with one thread), unless
// LATENT_EXPLORER_BLAS_THREADS says otherwise. Code running as a thread of a process that forks must ask for 1
// (preferBlasThreads): see native/sgemm.cc on the fork deadlock.
let blasThreads = Number(process.env.LATENT_EXPLORER_BLAS_THREADS ?? 0) || 0;

/** OpenBLAS threads for this process; takes effect only before the first initBackend. */
export function preferBlasThreads(n: number): void {
  blasThreads = n;
}

let acceleration: Acceleration = {
  matMul: { kind: 'wasm', reason: 'backend not initialised' },
  adam: { kind: 'tfjs', reason: 'backend not initialised' },
};

let ready: Promise<BackendName> | null = null;

/** Directories that may hold tfjs-backend-wasm's .wasm files: next to the bundle (dist/) or in node_modules. */
function wasmDirCandidates(): string[] {
  // beside the bundle (dist/), or the repository's dist/ when running from sources (tests, tsx)
  const dirs = [__dirname, join(__dirname, '..', 'dist'), join(__dirname, '..', '..', 'dist')];
  try {
    dirs.push(join(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'), '..', 'dist'));
  } catch {
    // not resolvable from a bundle: the copy beside the bundle is used
  }
  return dirs;
}

/** The optional native addon (dist/kernels.node, built by scripts/buildNative.mjs), or why it is not used. */
function loadNativeKernels(): NativeKernels | string {
  if (process.env.LATENT_EXPLORER_NATIVE === '0') return 'disabled by LATENT_EXPLORER_NATIVE=0';
  const file = wasmDirCandidates()
    .map((d) => join(d, 'kernels.node'))
    .find((f) => existsSync(f));
  if (!file) return 'native addon not built (dist/kernels.node: node scripts/buildNative.mjs)';
  try {
    // a computed path: esbuild leaves it to Node's own require, the only way to load a native addon
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addon = require(file) as Partial<NativeKernels>;
    if (typeof addon.adam !== 'function' || typeof addon.loadBlas !== 'function') return `${file} is not this version's addon: rebuild it (node scripts/buildNative.mjs)`;
    return addon as NativeKernels;
  } catch (err) {
    return `native addon failed to load: ${(err as Error).message}`;
  }
}

/** Installs the native kernels into the wasm backend when they load; records what runs and why. */
function accelerate(): void {
  const native = loadNativeKernels();
  if (typeof native === 'string') {
    setNativeKernels(null);
    acceleration = { matMul: { kind: 'wasm', reason: native }, adam: { kind: 'tfjs', reason: native } };
    return;
  }
  setNativeKernels(native);
  const blas = native.loadBlas(blasThreads);
  if (blas) {
    installBlasMatMul(native.sgemm);
    // an addon built before native/conv.cc lacks the convolutions: tfjs-wasm's (and the fallback) then run them
    if (hasNativeConv(native)) installNativeConv(native);
    acceleration = { matMul: { kind: 'blas', ...blas }, adam: { kind: 'native' } };
  } else {
    acceleration = { matMul: { kind: 'wasm', reason: 'no OpenBLAS found (Debian: apt-get install libopenblas0-pthread)' }, adam: { kind: 'native' } };
  }
}

export function accelerationInUse(): Acceleration {
  return acceleration;
}

/** One line for logs: "matMul by libopenblas.so.0 (2 threads), native Adam" or why not. */
export function describeAcceleration(a: Acceleration): string {
  const matMul = a.matMul.kind === 'blas' ? `matMul by ${a.matMul.library} (${a.matMul.threads} thread${a.matMul.threads === 1 ? '' : 's'})` : `matMul by tfjs (${a.matMul.reason})`;
  return `${matMul}, ${a.adam.kind === 'native' ? 'native Adam' : 'tfjs Adam'}`;
}

export function findWasmDir(): string | null {
  for (const d of wasmDirCandidates()) {
    if (existsSync(join(d, 'tfjs-backend-wasm-simd.wasm'))) return d;
  }
  return null;
}

/**
 * Initialises tfjs with `preferred` (default wasm, or LATENT_EXPLORER_BACKEND=cpu) and returns the backend
 * actually in use. Safe to call many times.
 */
export function initBackend(preferred?: BackendName): Promise<BackendName> {
  if (ready) return ready;
  const want = preferred ?? (process.env.LATENT_EXPLORER_BACKEND as BackendName | undefined) ?? 'wasm';
  ready = (async () => {
    if (want === 'wasm') {
      const dir = findWasmDir();
      if (dir) {
        setWasmPaths(dir.endsWith('/') ? dir : dir + '/');
        try {
          if (await tf.setBackend('wasm')) {
            await tf.ready();
            installSharedIdentity();
            // tfjs-wasm 4.22 lacks the conv filter gradient (conv models need it even without the native addon) and
            // its input gradient is slow: both through its Conv2D
            registerConv2DBackpropFilterFallback();
            registerConv2DBackpropInputFallback();
            accelerate();
            return 'wasm' as const;
          }
        } catch (err) {
          process.emitWarning(`tfjs wasm backend failed (${String(err)}); using the cpu backend`);
        }
      }
    }
    // Bundlers drop the cpu package's self-registration (it is marked side-effect free), so register it here.
    acceleration = {
      matMul: { kind: 'wasm', reason: 'the cpu backend is in use' },
      adam: { kind: 'tfjs', reason: 'the cpu backend is in use' },
    };
    if (!tf.findBackendFactory('cpu')) tf.registerBackend('cpu', () => new MathBackendCPU(), 1);
    await tf.setBackend('cpu');
    await tf.ready();
    return 'cpu' as const;
  })();
  return ready;
}
