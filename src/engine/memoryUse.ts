// The process's memory as training sees it, sampled once per epoch: a leak shows as growth epoch over epoch.
import * as tf from '@tensorflow/tfjs-core';
import { activeWasmBackend } from './wasmHeap';

export interface MemoryUse {
  /** Resident set size of the whole process (includes the wasm heap and V8's uncollected garbage). */
  rssBytes: number;
  /** Live tfjs tensors and their bytes: exact, so any tensor leak shows here first. */
  tensors: number;
  tensorBytes: number;
  /** V8's JS heap in use, and the wasm heap tfjs-wasm holds (it only grows): where RSS growth comes from. */
  jsHeapBytes: number;
  wasmHeapBytes: number;
}

export function memoryUse(): MemoryUse {
  const m = tf.memory();
  const wasm = activeWasmBackend();
  const mem = process.memoryUsage();
  return { rssBytes: mem.rss, tensors: m.numTensors, tensorBytes: m.numBytes, jsHeapBytes: mem.heapUsed, wasmHeapBytes: wasm ? wasm.wasm.HEAPU8.byteLength : 0 };
}
