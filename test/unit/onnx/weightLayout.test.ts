// Our conv layers (tfjs, NHWC, tfjs kernel layouts) against ONNX's Conv and ConvTranspose written out from the
// operator definitions (NCHW, [out, in, kh, kw] and [in, out, kh, kw], pads, output_padding at the end) and fed the
// exporter's reordered weights: same numbers, on odd and even sides, strides 1 and 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { convLayer } from '../../../src/engine/networks/conv';
import type { ConvLayer } from '../../../src/shared/network';
import { Rng } from '../../../src/shared/rng';
import { convKernelToOnnx, nchwToNhwcIndex, outputPadding, permuteColumns, permuteRows, permuteVector } from '../../../src/onnx/export/weightLayout';

type Shape = [number, number, number];

const random = (n: number, rng: Rng) => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));

/** NHWC rows → NCHW tensor data, through the exporter's own index map. */
function toNchw(nhwc: Float32Array, n: number, shape: Shape): Float32Array {
  const size = shape[0] * shape[1] * shape[2];
  const perm = nchwToNhwcIndex(shape);
  const out = new Float32Array(nhwc.length);
  for (let i = 0; i < n; i++) out.set(permuteVector(nhwc.subarray(i * size, (i + 1) * size), perm), i * size);
  return out;
}

/** ONNX Conv: y[n,o,i,j] = B[o] + Σ_c,a,b X[n,c,i·s−p+a, j·s−p+b]·W[o,c,a,b] (zero outside). */
function onnxConv(x: Float32Array, n: number, [cin, h, w]: number[], wt: Float32Array, bias: Float32Array, [cout, oh, ow]: number[], [kh, kw]: number[], [sh, sw]: number[], p: number): Float32Array {
  const y = new Float32Array(n * cout * oh * ow);
  for (let b = 0; b < n; b++) for (let o = 0; o < cout; o++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    let s = bias[o];
    for (let c = 0; c < cin; c++) for (let a = 0; a < kh; a++) for (let e = 0; e < kw; e++) {
      const yy = i * sh - p + a;
      const xx = j * sw - p + e;
      if (yy >= 0 && yy < h && xx >= 0 && xx < w) s += x[((b * cin + c) * h + yy) * w + xx] * wt[((o * cin + c) * kh + a) * kw + e];
    }
    y[((b * cout + o) * oh + i) * ow + j] = s;
  }
  return y;
}

/** ONNX ConvTranspose: Y[n,o,i·s−p+a, j·s−p+b] += X[n,c,i,j]·W[c,o,a,b], then + B[o] (output cropped by pads). */
function onnxConvTranspose(x: Float32Array, n: number, [cin, h, w]: number[], wt: Float32Array, bias: Float32Array, [cout, oh, ow]: number[], [kh, kw]: number[], [sh, sw]: number[], p: number): Float32Array {
  const y = new Float32Array(n * cout * oh * ow);
  for (let b = 0; b < n; b++) for (let o = 0; o < cout; o++) y.fill(bias[o], (b * cout + o) * oh * ow, (b * cout + o + 1) * oh * ow);
  for (let b = 0; b < n; b++) for (let c = 0; c < cin; c++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
    const v = x[((b * cin + c) * h + i) * w + j];
    for (let o = 0; o < cout; o++) for (let a = 0; a < kh; a++) for (let e = 0; e < kw; e++) {
      const yy = i * sh - p + a;
      const xx = j * sw - p + e;
      if (yy >= 0 && yy < oh && xx >= 0 && xx < ow) y[((b * cout + o) * oh + yy) * ow + xx] += v * wt[((c * cout + o) * kh + a) * kw + e];
    }
  }
  return y;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const CASES: Omit<ConvLayer, 'op' | 'kernel' | 'bias' | 'activation' | 'pad'>[] = [
  { inShape: [28, 28, 1], outShape: [14, 14, 4], kernelSize: [4, 4], strides: [2, 2] },
  { inShape: [7, 9, 3], outShape: [3, 4, 5], kernelSize: [4, 4], strides: [2, 2] }, // odd sides: output_padding 1
];

test('conv2d and conv2dTranspose kernels in ONNX layout give the engine\'s outputs under the ONNX operator definitions', async () => {
  await initBackend();
  const rng = new Rng(7);
  const n = 2;
  for (const c of CASES) {
    for (const op of ['conv2d', 'conv2dTranspose'] as const) {
      // a transposed layer reads the conv's output shape and writes its input shape
      const layer: ConvLayer = op === 'conv2d' ? { ...c, op, kernel: 'k', bias: 'b', pad: 1, activation: 'linear' } : { ...c, inShape: c.outShape, outShape: c.inShape, op, kernel: 'k', bias: 'b', pad: 1, activation: 'linear' };
      const [kh, kw] = layer.kernelSize;
      const cin = layer.inShape[2];
      const cout = layer.outShape[2];
      const tfjsShape: [number, number, number, number] = op === 'conv2d' ? [kh, kw, cin, cout] : [kh, kw, cout, cin];
      const kernel = random(kh * kw * cin * cout, rng);
      const bias = random(cout, rng);
      const inSize = layer.inShape[0] * layer.inShape[1] * cin;
      const x = random(n * inSize, rng);
      const ours = tf.tidy(() => convLayer(tf.tensor2d(x, [n, inSize]), tf.tensor4d(kernel, tfjsShape), tf.tensor1d(bias), layer, 'linear').dataSync());
      const { values, dims } = convKernelToOnnx(kernel, tfjsShape);
      assert.deepEqual(dims, op === 'conv2d' ? [cout, cin, kh, kw] : [cin, cout, kh, kw]);
      const chw = (s: Shape) => [s[2], s[0], s[1]];
      const run = op === 'conv2d' ? onnxConv : onnxConvTranspose;
      const theirs = run(toNchw(x, n, layer.inShape), n, chw(layer.inShape), values, bias, chw(layer.outShape), layer.kernelSize, layer.strides, 1);
      const d = maxDiff(toNchw(Float32Array.from(ours), n, layer.outShape), theirs);
      assert.ok(d < 1e-5, `${op} ${layer.inShape.join('×')} → ${layer.outShape.join('×')}: max |Δ| ${d}`);
    }
  }
});

test('output_padding: 0 where (in − 1)·s − 2p + k gives the side back, 1 for the odd sides a stride-2 conv halves, refused otherwise', () => {
  assert.equal(outputPadding(14, 28, 4, 2, 1), 0);
  assert.equal(outputPadding(3, 7, 4, 2, 1), 1);
  assert.equal(outputPadding(6, 6, 3, 1, 1), 0);
  assert.throws(() => outputPadding(3, 9, 4, 2, 1), /no output_padding/);
  assert.throws(() => outputPadding(14, 27, 4, 2, 1), /no output_padding/);
});

test('NHWC → NCHW reordering of flattened images, dense rows and dense columns', () => {
  // a 1×2 image with 3 channels: NHWC flat [p0c0 p0c1 p0c2 p1c0 p1c1 p1c2] → NCHW [p0c0 p1c0 p0c1 p1c1 p0c2 p1c2]
  const perm = nchwToNhwcIndex([1, 2, 3]);
  assert.deepEqual(Array.from(perm), [0, 3, 1, 4, 2, 5]);
  assert.deepEqual(Array.from(nchwToNhwcIndex([2, 2, 1])), [0, 1, 2, 3]); // one channel: the same order
  // x·W is unchanged when x's columns and W's rows are reordered alike; W·… columns reorder the output alike
  const rng = new Rng(3);
  const x = random(6, rng);
  const w = random(6 * 2, rng);
  const xw = (a: Float32Array, k: Float32Array, cols: number) => Array.from({ length: cols }, (_, j) => a.reduce((s, v, i) => s + v * k[i * cols + j], 0));
  const direct = xw(x, w, 2);
  const reordered = xw(permuteVector(x, perm), permuteRows(w, 2, perm), 2);
  direct.forEach((v, j) => assert.ok(Math.abs(v - reordered[j]) < 1e-6));
  const k = random(2 * 6, rng);
  const h = random(2, rng);
  assert.deepEqual(Float32Array.from(xw(h, permuteColumns(k, 6, perm), 6)), permuteVector(Float32Array.from(xw(h, k, 6)), perm));
});
