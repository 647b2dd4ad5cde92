// tfjs-wasm's Conv2D, FusedConv2D and Conv2DBackpropInput kernels, and the Conv2DBackpropFilter it lacks, replaced
// by the native addon's im2col + OpenBLAS sgemm kernels (native/conv.cc) when it is loaded. Like blasMatMul.ts they
// read the operands from the wasm heap and write the result into it in place. conv2dTranspose's forward pass is
// Conv2DBackpropInput, so a conv VAE's decoder takes this path too; tfjs-layers' Conv2D calls FusedConv2D. What the native kernels do not take (dilation
// > 1, NCHW, non-float32, shapes that disagree with the attributes) goes to tfjs-wasm's kernels, which stay the
// reference the fast path is tested against (test/unit/engine/convKernels.test.ts).
import * as tf from '@tensorflow/tfjs-core';
import { heapView, type WasmBackend } from '../wasmHeap';
import { conv2dBackpropFilterViaConv2D } from './convFilterGrad';
import { convInfo, disposeTemporaries, wasmKernel, type KernelArgs } from './wasmKernel';

type ConvFn = (a: Float32Array, b: Float32Array, out: Float32Array, geometry: Int32Array) => void;

/** The addon's convolution entry points; geometry = [n, h, w, c, oh, ow, o, kh, kw, sh, sw, padTop, padLeft]. */
export interface NativeConv {
  /** y [n, oh, ow, o] = conv(x [n, h, w, c], filter [kh, kw, c, o]) */
  conv2d: ConvFn;
  /** dx [n, h, w, c] from dy [n, oh, ow, o] and filter [kh, kw, c, o] */
  conv2dBackpropInput: ConvFn;
  /** dw [kh, kw, c, o] from x [n, h, w, c] and dy [n, oh, ow, o] */
  conv2dBackpropFilter: ConvFn;
}

export function hasNativeConv(addon: object): addon is NativeConv {
  const a = addon as Partial<NativeConv>;
  return typeof a.conv2d === 'function' && typeof a.conv2dBackpropInput === 'function' && typeof a.conv2dBackpropFilter === 'function';
}

const NAMES = ['Conv2D', 'FusedConv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'] as const;
type Name = (typeof NAMES)[number];

let installed: { native: NativeConv; originals: Map<Name, tf.KernelConfig | undefined> } | null = null;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The native kernels' geometry for a convolution, or null when they do not take it. */
function geometry(info: tf.backend_util.Conv2DInfo): Int32Array | null {
  const { padInfo: p } = info;
  if (info.dataFormat !== 'channelsLast' || info.dilationHeight !== 1 || info.dilationWidth !== 1 || p.top < 0 || p.left < 0) return null;
  return Int32Array.of(
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    p.top,
    p.left,
  );
}

const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/**
 * Runs the native kernel `fn` on (a, b) into a new tensor of `outShape`, or returns null to let the caller fall back.
 * The views are made after makeOutput: an allocation may grow the wasm memory and detach older views.
 */
function runNative(args: KernelArgs, fn: ConvFn, a: tf.TensorInfo, b: tf.TensorInfo, outShape: number[], g: Int32Array | null): tf.TensorInfo | null {
  if (!g || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const backend = args.backend as unknown as WasmBackend;
  const out = backend.makeOutput(outShape, 'float32');
  fn(heapView(backend, a, size(a.shape)), heapView(backend, b, size(b.shape)), heapView(backend, out, size(outShape)), g);
  return out;
}

function fallback(name: Name, args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
  const original = installed!.originals.get(name);
  if (original) return original.kernelFunc(args);
  if (name === 'Conv2DBackpropFilter') return conv2dBackpropFilterViaConv2D(args);
  throw new Error(`tfjs-wasm has no ${name} kernel to fall back to`);
}

function conv2dKernel(args: KernelArgs) {
  const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const info = convInfo(x.shape, filter.shape, args.attrs, (args.attrs as unknown as tf.Conv2DAttrs).dilations);
  return runNative(args, installed!.native.conv2d, x, filter, info.outShape, geometry(info)) ?? fallback('Conv2D', args);
}

// tfjs-wasm's kernel for each activation tf.fused.conv2d takes (its gradient is tfjs-core's, on the kernels here)
const ACTIVATIONS: Record<string, string | null> = { linear: null, relu: 'Relu', relu6: 'Relu6', elu: 'Elu', sigmoid: 'Sigmoid', leakyrelu: 'LeakyRelu', prelu: 'Prelu' };

/** tf.fused.conv2d (what tfjs-layers' Conv2D calls): the native convolution, then tfjs-wasm's bias Add and activation. */
function fusedConv2dKernel(args: KernelArgs) {
  const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
  const attrs = args.attrs as unknown as tf.FusedConv2DAttrs;
  const activation = ACTIVATIONS[attrs.activation];
  const info = convInfo(x!.shape, filter!.shape, args.attrs, attrs.dilations);
  const y = activation === undefined ? null : runNative(args, installed!.native.conv2d, x!, filter!, info.outShape, geometry(info));
  if (!y) return fallback('FusedConv2D', args);
  const steps: [string, tf.NamedTensorInfoMap, object][] = [];
  if (bias) steps.push(['Add', { b: bias }, {}]);
  if (activation) steps.push([activation, preluActivationWeights ? { alpha: preluActivationWeights } : {}, { alpha: attrs.leakyreluAlpha }]);
  let out = y;
  for (const [name, inputs, kernelAttrs] of steps) {
    const next = wasmKernel(name, name === 'Add' ? { a: out, ...inputs } : { x: out, ...inputs }, kernelAttrs, args.backend);
    disposeTemporaries(args.backend, [out]);
    out = next;
  }
  return out;
}

function conv2dBackpropInputKernel(args: KernelArgs) {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { inputShape } = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = convInfo(inputShape, filter.shape, args.attrs);
  const g = sameShape(dy.shape, info.outShape) ? geometry(info) : null;
  return runNative(args, installed!.native.conv2dBackpropInput, dy, filter, [...inputShape], g) ?? fallback('Conv2DBackpropInput', args);
}

function conv2dBackpropFilterKernel(args: KernelArgs) {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { filterShape } = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = convInfo(x.shape, filterShape, args.attrs);
  const g = sameShape(dy.shape, info.outShape) ? geometry(info) : null;
  return runNative(args, installed!.native.conv2dBackpropFilter, x, dy, [...filterShape], g) ?? fallback('Conv2DBackpropFilter', args);
}

const KERNELS: Record<Name, tf.KernelFunc> = {
  Conv2D: conv2dKernel as tf.KernelFunc,
  FusedConv2D: fusedConv2dKernel as tf.KernelFunc,
  Conv2DBackpropInput: conv2dBackpropInputKernel as tf.KernelFunc,
  Conv2DBackpropFilter: conv2dBackpropFilterKernel as tf.KernelFunc,
};

/** Routes the three convolution kernels of the wasm backend through `native`. After the wasm backend is up; idempotent. */
export function installNativeConv(native: NativeConv): void {
  if (installed) return;
  const originals = new Map<Name, tf.KernelConfig | undefined>();
  for (const name of NAMES) {
    const config = tf.getKernel(name, 'wasm');
    originals.set(name, config);
    if (config) tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...config, kernelName: name, backendName: 'wasm', kernelFunc: KERNELS[name] });
  }
  installed = { native, originals };
}

/** Puts back what was registered before (tests compare both paths in one process). */
export function uninstallNativeConv(): void {
  if (!installed) return;
  for (const name of NAMES) {
    tf.unregisterKernel(name, 'wasm');
    const original = installed.originals.get(name);
    if (original) tf.registerKernel(original);
  }
  installed = null;
}

export function nativeConvInstalled(): boolean {
  return installed !== null;
}
