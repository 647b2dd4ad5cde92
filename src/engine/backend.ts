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

export type BackendName = 'wasm' | 'cpu';

let ready: Promise<BackendName> | null = null;

/** Directories that may hold tfjs-backend-wasm's .wasm files: next to the bundle (dist/) or in node_modules. */
function wasmDirCandidates(): string[] {
  const dirs = [__dirname, join(__dirname, '..', 'dist')];
  try {
    dirs.push(join(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'), '..', 'dist'));
  } catch {
    // not resolvable from a bundle: the copy beside the bundle is used
  }
  return dirs;
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
            return 'wasm' as const;
          }
        } catch (err) {
          process.emitWarning(`tfjs wasm backend failed (${String(err)}); using the cpu backend`);
        }
      }
    }
    // Bundlers drop the cpu package's self-registration (it is marked side-effect free), so register it here.
    if (!tf.findBackendFactory('cpu')) tf.registerBackend('cpu', () => new MathBackendCPU(), 1);
    await tf.setBackend('cpu');
    await tf.ready();
    return 'cpu' as const;
  })();
  return ready;
}
