// tfjs-wasm 4.22 registers no Conv2DBackpropFilter: without one the first training step of any conv model fails
// ("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"). This writes the filter gradient with kernels
// tfjs-wasm does have, so conv models train without the native addon too (and where the native kernel declines).
// (Reusing wasm's Conv3DBackpropFilterV2 is not an option: it is wrong at stride > 1.)
//
// dW[i, j, c, o] = Σ_{n, oh, ow} xPadded[n, oh·sh + i, ow·sw + j, c] · dy[n, oh, ow, o] is itself a convolution:
// "images" c of xᵀ [C, H, W, N] (channels n) with the "filter" dyᵀ [OH, OW, N, O] at dilation (sh, sw), stride 1,
// the forward pass's padding; its output [C, ≥kh, ≥kw, O] is cut to kh×kw and transposed to [kh, kw, C, O].
import * as tf from '@tensorflow/tfjs-core';
import { convInfo, disposeTemporaries, wasmKernel, type KernelArgs } from './wasmKernel';

/** The Conv2DBackpropFilter kernel written with tfjs-wasm's Transpose, Conv2D and Slice kernels (NHWC only). */
export function conv2dBackpropFilterViaConv2D(args: KernelArgs): tf.TensorInfo {
  const { backend } = args;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { filterShape } = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = convInfo(x.shape, filterShape, args.attrs);
  if (info.dataFormat !== 'channelsLast') throw new Error("Conv2DBackpropFilter on the wasm backend supports only dataFormat 'NHWC'");
  const [kh, kw, c, o] = filterShape;
  const { top, bottom, left, right } = info.padInfo;
  const temporaries: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo) => (temporaries.push(t), t);
  try {
    const xT = keep(wasmKernel('Transpose', { x }, { perm: [3, 1, 2, 0] }, backend));
    const dyT = keep(wasmKernel('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, backend));
    const full = keep(
      wasmKernel(
        'Conv2D',
        { x: xT, filter: dyT },
        { strides: 1, pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth] },
        backend,
      ),
    );
    // the padded input can be longer than (OH − 1)·stride + k: the extra rows/columns are no filter tap
    const cut = full.shape[1] === kh && full.shape[2] === kw ? full : keep(wasmKernel('Slice', { x: full }, { begin: [0, 0, 0, 0], size: [c, kh, kw, o] }, backend));
    return wasmKernel('Transpose', { x: cut }, { perm: [1, 2, 0, 3] }, backend);
  } finally {
    disposeTemporaries(backend, temporaries);
  }
}

/** Registers the kernel above for the wasm backend unless tfjs-wasm (a later version) or the native path has one. */
export function registerConv2DBackpropFilterFallback(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilterViaConv2D });
}
