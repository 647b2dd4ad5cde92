// The process's memory as training sees it, sampled once per epoch: a leak shows as growth epoch over epoch.
import * as tf from '@tensorflow/tfjs-core';

export interface MemoryUse {
  /** Resident set size of the whole process (includes the wasm heap and V8's uncollected garbage). */
  rssBytes: number;
  /** Live tfjs tensors and their bytes: exact, so any tensor leak shows here first. */
  tensors: number;
  tensorBytes: number;
}

export function memoryUse(): MemoryUse {
  const m = tf.memory();
  return { rssBytes: process.memoryUsage().rss, tensors: m.numTensors, tensorBytes: m.numBytes };
}
