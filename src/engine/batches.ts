// The dataset stays uint8 (a quarter of the memory of float32); each batch is converted on the fly.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../shared/dataset';
import { activeWasmBackend, heapView } from './wasmHeap';

const BYTE_TO_UNIT = (() => {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) t[i] = i / 255;
  return t;
})();

export function imageSize(ds: Pick<Dataset, 'height' | 'width' | 'channels'>): number {
  return ds.height * ds.width * ds.channels;
}

/** Rows `indices` of the dataset as a [n, H·W·C] float tensor in [0, 1]. */
export function imagesToTensor(ds: Dataset, indices: ArrayLike<number>): tf.Tensor2D {
  const d = imageSize(ds);
  const n = indices.length;
  const backend = activeWasmBackend();
  if (backend && n * d > 0) {
    // straight into the wasm heap: no 400 KB JS buffer per batch (those churned glibc's heap: RSS crept ~0.5 MB
    // an epoch) and no second copy
    const info = backend.makeOutput([n, d], 'float32');
    fillUnit(ds.images, indices, d, heapView(backend, info, n * d));
    return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
  }
  const out = new Float32Array(n * d);
  fillUnit(ds.images, indices, d, out);
  return tf.tensor2d(out, [n, d]);
}

/** Rows `indices` of the dataset into `out` ([n, H·W·C], in [0, 1]): the fused training step's batch. */
export function fillImages(ds: Dataset, indices: ArrayLike<number>, out: Float32Array): void {
  fillUnit(ds.images, indices, imageSize(ds), out);
}

function fillUnit(src: Uint8Array, indices: ArrayLike<number>, d: number, out: Float32Array): void {
  const n = indices.length;
  for (let r = 0; r < n; r++) {
    const from = indices[r] * d;
    const to = r * d;
    for (let j = 0; j < d; j++) out[to + j] = BYTE_TO_UNIT[src[from + j]];
  }
}

/** 0..n−1 cut into consecutive batches (the last may be short). */
export function* batchRanges(n: number, batchSize: number): Generator<[number, number]> {
  for (let start = 0; start < n; start += batchSize) yield [start, Math.min(n, start + batchSize)];
}

/** Float pixels in [0, 1] back to uint8 with rounding. */
export function unitToBytes(values: Float32Array | Int32Array | Uint8Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(values[i] * 255)));
  return out;
}
