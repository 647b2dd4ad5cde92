// Masked convolutions for the PixelCNN decoder (van den Oord et al. 2016, §3.4): a k×k kernel whose taps on rows
// below the centre, and right of the centre on its own row, are zero, so the output at pixel i reads only pixels
// before i in raster order. Mask A also zeroes the centre (the first layer: a pixel must not see its own value);
// mask B keeps it (later layers: the centre holds features that already saw only x_<i). Gray images only, so the
// masks have no channel ordering (the paper's R→G→B groups). The kernel is multiplied by its mask inside the
// step, so the masked taps get no gradient and stay irrelevant; the convolution itself is tfjs's conv2d, which
// reaches the native im2col + OpenBLAS kernels and their gradients (../kernels/conv2d.ts). Every tap below the
// centre row is masked, so the convolution runs only the kernel's top (k + 1)/2 rows, padded above and not below:
// the same output at 6/9 of a 3×3 kernel's work (4/7 of a 7×7's).
import * as tf from '@tensorflow/tfjs-core';
import type { MaskType } from '../../shared/networks/pixelcnn';

/** The 0/1 mask [k, k, cin, cout] (tfjs kernel layout): tap (dy, dx) kept iff dy < c, or dy = c and dx < c (A) / ≤ c (B). */
export function causalMask(k: number, cin: number, cout: number, type: MaskType): Float32Array {
  const centre = (k - 1) / 2;
  const out = new Float32Array(k * k * cin * cout);
  for (let dy = 0; dy < k; dy++) {
    for (let dx = 0; dx < k; dx++) {
      const keep = dy < centre || (dy === centre && (type === 'A' ? dx < centre : dx <= centre));
      if (!keep) continue;
      const base = (dy * k + dx) * cin * cout;
      out.fill(1, base, base + cin * cout);
    }
  }
  return out;
}

/**
 * conv2d(x, W ⊙ M) + b + cond at stride 1 with `same` zero padding ((k − 1)/2 on each side), then ReLU if asked.
 * x [n, h, w, cin]; cond: a per-image, per-channel bias [n, cout] (the z-conditioning), or null.
 * Computed as conv2d(x, (W ⊙ M)[0 … c]) over rows padded c above and 0 below, c = (k − 1)/2: the rows below the
 * centre are all zero taps (causalMask), so dropping them changes no output.
 */
export function maskedConv2d(x: tf.Tensor4D, kernel: tf.Tensor, mask: tf.Tensor, bias: tf.Tensor, cond: tf.Tensor2D | null, relu: boolean): tf.Tensor4D {
  return tf.tidy(() => {
    const [k, kw, cin, cout] = kernel.shape;
    const c = (k - 1) / 2;
    const upper = tf.slice(tf.mul(kernel, mask), [0, 0, 0, 0], [c + 1, kw, cin, cout]) as tf.Tensor4D;
    const y = tf.conv2d(x, upper, 1, [[0, 0], [c, 0], [c, c], [0, 0]]);
    let a: tf.Tensor4D = tf.add(y, bias);
    if (cond) a = tf.add(a, tf.reshape(cond, [cond.shape[0], 1, 1, cond.shape[1]]));
    return relu ? tf.relu(a) : a;
  });
}
