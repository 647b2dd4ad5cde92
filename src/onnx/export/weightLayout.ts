// Our weights in ONNX's (and PyTorch's) layout. The engine keeps images as NHWC rows and tfjs kernels; an exported
// file is NCHW, as torch.onnx.export writes it, so that it reads like a PyTorch network: Conv weights
// [out, in, kh, kw], ConvTranspose weights [in, out, kh, kw], and every dense layer that reads or writes a
// flattened image has its rows or columns reordered from NHWC to NCHW order (PyTorch's nn.Flatten / nn.Unflatten)
// instead of a Transpose node in the graph.

/** [height, width, channels], the engine's image shape. */
export type ImageShape = readonly [number, number, number];

/** perm[i] = the NHWC flat index of the pixel at NCHW flat index i: c·H·W + y·W + x ↦ (y·W + x)·C + c. */
export function nchwToNhwcIndex(shape: ImageShape): Int32Array {
  const [h, w, c] = shape;
  const perm = new Int32Array(h * w * c);
  let i = 0;
  for (let ch = 0; ch < c; ch++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) perm[i++] = (y * w + x) * c + ch;
  return perm;
}

/** out[i] = values[perm[i]]: a flat NHWC image (or a per-pixel vector) in NCHW order. */
export function permuteVector(values: Float32Array, perm: Int32Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < perm.length; i++) out[i] = values[perm[i]];
  return out;
}

/** Kernel [rows, cols] (row-major) with its first perm.length rows reordered: row i ← row perm[i]. */
export function permuteRows(kernel: Float32Array, cols: number, perm: Int32Array): Float32Array {
  const out = kernel.slice();
  for (let i = 0; i < perm.length; i++) out.set(kernel.subarray(perm[i] * cols, (perm[i] + 1) * cols), i * cols);
  return out;
}

/** Kernel [rows, cols] (row-major) with its columns reordered: column j ← column perm[j]. */
export function permuteColumns(kernel: Float32Array, cols: number, perm: Int32Array): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let r = 0; r < kernel.length / cols; r++) {
    for (let j = 0; j < cols; j++) out[r * cols + j] = kernel[r * cols + perm[j]];
  }
  return out;
}

/**
 * A tfjs conv kernel in ONNX's layout, both kinds by the same axis order (3, 2, 0, 1): conv2d's [kh, kw, in, out]
 * becomes Conv's [out, in, kh, kw]; conv2dTranspose's [kh, kw, out, in] becomes ConvTranspose's [in, out, kh, kw].
 * No spatial flip: tfjs and ONNX both define the transposed convolution as the gradient of the convolution with
 * the same kernel.
 */
export function convKernelToOnnx(kernel: Float32Array, tfjsShape: readonly [number, number, number, number]): { values: Float32Array; dims: number[] } {
  const [kh, kw, a, b] = tfjsShape;
  const out = new Float32Array(kernel.length);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      for (let p = 0; p < a; p++) {
        for (let q = 0; q < b; q++) out[((q * a + p) * kh + i) * kw + j] = kernel[((i * kw + j) * a + p) * b + q];
      }
    }
  }
  return { values: out, dims: [b, a, kh, kw] };
}

/**
 * ConvTranspose's output_padding for one axis. At stride > 1 several input sizes convolve to the same output size
 * ((in − 1)·s − 2p + k up to s − 1 more), so a transposed convolution must be told which to give back: tfjs by
 * its explicit output shape, ONNX and PyTorch by output_padding (rows added at the bottom/right). Either way it is
 * the adjoint of the convolution that reads `outSize`.
 */
export function outputPadding(inSize: number, outSize: number, kernel: number, stride: number, pad: number): number {
  const extra = outSize - ((inSize - 1) * stride - 2 * pad + kernel);
  if (extra < 0 || extra >= stride) throw new Error(`a transposed convolution ${inSize} → ${outSize} (k ${kernel}, s ${stride}, p ${pad}) has no output_padding`);
  return extra;
}
