// Float32Array views of tensors held by tfjs-wasm, for the native kernels that read and write them in place.
// A view is valid only until the next allocation (the wasm memory may grow and detach its buffer): make views
// right before the native call that uses them.
import * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-wasm's BackendWasm used here (its class is not exported in a usable form). */
export interface WasmBackend {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(id: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

export function heapView(backend: WasmBackend, t: tf.TensorInfo, length: number): Float32Array {
  const entry = backend.dataIdMap.get(t.dataId);
  if (!entry) throw new Error('tensor is not held by the wasm backend');
  return new Float32Array(backend.wasm.HEAPU8.buffer, entry.memoryOffset, length);
}

/** The wasm backend when it is the active one, else null. */
export function activeWasmBackend(): WasmBackend | null {
  return tf.getBackend() === 'wasm' ? (tf.backend() as unknown as WasmBackend) : null;
}
