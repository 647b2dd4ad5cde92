// Calling tfjs-wasm's registered kernels from inside another kernel: the pure tfjs-wasm gradients (convFilterGrad.ts,
// convInputGrad.ts) are built from them. Inside a kernel nothing reaches the gradient tape, and intermediate results
// are freed by hand (disposeTemporaries), as tfjs's own composite kernels do.
import * as tf from '@tensorflow/tfjs-core';

export type KernelArgs = Parameters<tf.KernelFunc>[0];
type Backend = KernelArgs['backend'] & { disposeData(dataId: object): void };

export function wasmKernel(name: string, inputs: tf.NamedTensorInfoMap, attrs: object, backend: KernelArgs['backend']): tf.TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`tfjs-wasm has no ${name} kernel`);
  return config.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend }) as tf.TensorInfo;
}

/** Frees intermediate results (by reference count: a Reshape shares its input's memory). */
export function disposeTemporaries(backend: KernelArgs['backend'], temporaries: tf.TensorInfo[]): void {
  for (const t of temporaries) (backend as Backend).disposeData(t.dataId);
}

/** tfjs's Conv2DInfo for a kernel's attributes (x and filter shapes as the forward convolution's). */
export function convInfo(xShape: readonly number[], filterShape: readonly number[], attrs: tf.NamedAttrMap | undefined, dilations: unknown = 1): tf.backend_util.Conv2DInfo {
  const a = attrs as unknown as tf.Conv2DAttrs;
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    dilations as [number, number] | number,
    a.pad,
    a.dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(a.dataFormat),
  );
}
