// tfjs-wasm's Identity kernel copies the tensor's bytes; tfjs calls it for every tensor a kernel saves for its
// gradient (~40 per training step of the reference model, 0.4 ms). Tensors are immutable in tfjs, so sharing
// the memory with a reference count is enough — what tfjs's own cpu backend does. (Safe because nothing writes
// into a tensor in place: the fused Adam writes new parameters into fresh tensors.)
import * as tf from '@tensorflow/tfjs-core';

interface RefCountingBackend {
  incRef(dataId: object): void;
}

let installed = false;

export function installSharedIdentity(): void {
  if (installed) return;
  const config = tf.getKernel('Identity', 'wasm');
  if (!config) return;
  const copy = config.kernelFunc;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    ...config,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      // strings are held in JS, not in the heap: the original kernel handles them
      if (x.dtype === 'string') return copy(args);
      (args.backend as unknown as RefCountingBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
  installed = true;
}
