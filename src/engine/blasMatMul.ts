// tfjs-wasm's matMul kernel replaced by an optimised BLAS when the optional native addon (native/sgemm.cc) is
// available. The addon reads the operands from the wasm heap and writes the product into it in place: no copies,
// the rest of tfjs does not notice. Matrices too small to profit, rank > 2 with a batch, and non-float32 inputs go
// to tfjs-wasm's own kernel, which stays the reference the fast path is tested against.
import * as tf from '@tensorflow/tfjs-core';
import type { NativeKernels } from './nativeKernels';
import { heapView, type WasmBackend } from './wasmHeap';

type Sgemm = NativeKernels['sgemm'];

// below ~64k multiply-adds the call overhead and OpenBLAS's thread wake-up cost more than XNNPACK's kernel
const MIN_MULTIPLY_ADDS = 1 << 16;

let installed: { original: tf.KernelFunc; sgemm: Sgemm } | null = null;

/** m, n, k of a 2-D product (or 3-D with a batch of one), or null when the shape is not one this kernel takes. */
function productShape(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean) {
  const two = (s: number[]) => (s.length === 2 ? s : s.length === 3 && s[0] === 1 ? s.slice(1) : null);
  const sa = two(a.shape);
  const sb = two(b.shape);
  if (!sa || !sb || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const [m, k] = transposeA ? [sa[1], sa[0]] : sa;
  const [k2, n] = transposeB ? [sb[1], sb[0]] : sb;
  if (k !== k2 || m * n * k < MIN_MULTIPLY_ADDS) return null;
  return { m, n, k, rank3: a.shape.length === 3 || b.shape.length === 3 };
}

function blasKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const { original, sgemm } = installed!;
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  const dims = productShape(a, b, transposeA, transposeB);
  if (!dims) return original(args);
  const { m, n, k } = dims;
  const backend = args.backend as unknown as WasmBackend;
  const out = backend.makeOutput(dims.rank3 ? [1, m, n] : [m, n], 'float32');
  // views are made after makeOutput: an allocation may grow the wasm memory and detach older views
  sgemm(heapView(backend, a, m * k), heapView(backend, b, k * n), heapView(backend, out, m * n), m, n, k, transposeA, transposeB);
  return out;
}

/** Routes tfjs-wasm's BatchMatMul through `sgemm`. Call after the wasm backend is initialised; idempotent. */
export function installBlasMatMul(sgemm: Sgemm): void {
  if (installed) return;
  const config = tf.getKernel('BatchMatMul', 'wasm');
  if (!config) throw new Error('tfjs-wasm has no BatchMatMul kernel to replace');
  installed = { original: config.kernelFunc, sgemm };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...config, kernelFunc: blasKernel as tf.KernelFunc });
}

/** Puts tfjs-wasm's own kernel back (tests compare both paths in one process). */
export function uninstallBlasMatMul(): void {
  if (!installed) return;
  const config = tf.getKernel('BatchMatMul', 'wasm')!;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...config, kernelFunc: installed.original });
  installed = null;
}

export function blasMatMulInstalled(): boolean {
  return installed !== null;
}
