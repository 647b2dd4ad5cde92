// tfjs-wasm 4.22's own Conv2DBackpropInput is slow (a conv VAE's 7×7×64 → 14×14×32 layer at batch 128: ~330 ms,
// ten times its Conv2D of the same size), and it is also conv2dTranspose's forward pass, i.e. every decoder layer.
// Without the native addon this computes it with tfjs-wasm's XNNPACK Conv2D instead.
//
// dx = conv(D, W̃): D is dy spread out by the stride (s − 1 zeros between neighbours), W̃[i, j, o, c] =
// W[kh − 1 − i, kw − 1 − j, c, o] the flipped filter with its channels swapped, at stride 1 with padding
// kh − 1 − padTop above and whatever makes the output H rows below (likewise for columns). Three quarters of D are
// zeros at stride 2, but XNNPACK's Conv2D is fast enough that this still wins when dx has several channels; with
// few it loses (XNNPACK is slow with one output channel). Measured, CPU ms at batch 128, k4 s2 p1: 7×7×64 → 14×14×32
// 77 here vs 186 tfjs-wasm's own; 14×14×32 → 28×28×1 39 here vs 13 its own. Hence MIN_CHANNELS.
import * as tf from '@tensorflow/tfjs-core';
import { convInfo, disposeTemporaries, wasmKernel, type KernelArgs } from './wasmKernel';

const MIN_CHANNELS = 8;

/** Conv2DBackpropInput through tfjs-wasm's Conv2D; null where that does not apply (then tfjs-wasm's own kernel runs). */
export function conv2dBackpropInputViaConv2D(args: KernelArgs): tf.TensorInfo | null {
  const { backend } = args;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { inputShape } = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = convInfo(inputShape, filter.shape, args.attrs);
  const sameShape = dy.shape.length === 4 && dy.shape.every((d, i) => d === info.outShape[i]);
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  const [n, h, w, c] = inputShape;
  if (info.dataFormat !== 'channelsLast' || !sameShape || dy.dtype !== 'float32' || top < 0 || left < 0 || c < MIN_CHANNELS) return null;
  const [, oh, ow, o] = dy.shape;
  const temporaries: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo) => (temporaries.push(t), t);
  try {
    let spread = dy;
    if (sh > 1 || sw > 1) {
      const split = keep(wasmKernel('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, o] }, backend));
      const paddings = [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]];
      const padded = keep(wasmKernel('PadV2', { x: split }, { paddings, constantValue: 0 }, backend));
      spread = keep(wasmKernel('Reshape', { x: padded }, { shape: [n, oh * sh, ow * sw, o] }, backend));
    }
    // rows of D below h + kh − 1 − top (padded) reach no output row: cut them (e.g. the trailing zeros, or rows
    // that read only padding under dimRoundingMode 'ceil'); otherwise pad below up to that length
    const needRows = h + kh - 1 - top;
    const needCols = w + kw - 1 - left;
    if (spread.shape[1] > needRows || spread.shape[2] > needCols) {
      const size = [n, Math.min(spread.shape[1], needRows), Math.min(spread.shape[2], needCols), o];
      spread = keep(wasmKernel('Slice', { x: spread }, { begin: [0, 0, 0, 0], size }, backend));
    }
    const bottom = needRows - spread.shape[1];
    const right = needCols - spread.shape[2];
    const flipped = keep(wasmKernel('Reverse', { x: filter }, { dims: [0, 1] }, backend));
    const swapped = keep(wasmKernel('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }, backend));
    const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
    const dx = wasmKernel('Conv2D', { x: spread, filter: swapped }, { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 }, backend);
    if (dx.shape.some((d, i) => d !== inputShape[i])) throw new Error(`Conv2DBackpropInput via Conv2D made ${dx.shape}, not ${inputShape}`);
    return dx;
  } finally {
    disposeTemporaries(backend, temporaries);
  }
}

let original: tf.KernelConfig | null = null;

/** Puts the route above in front of tfjs-wasm's Conv2DBackpropInput (which still takes what it declines). */
export function registerConv2DBackpropInputFallback(): void {
  const config = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (!config || original) return;
  original = config;
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel({ ...config, kernelFunc: (args) => conv2dBackpropInputViaConv2D(args) ?? config.kernelFunc(args) });
}

/** Puts tfjs-wasm's own kernel back (the tests and bench/convOps.mjs compare both); only while nothing replaced ours. */
export function unregisterConv2DBackpropInputFallback(): void {
  if (!original) return;
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel(original);
  original = null;
}
