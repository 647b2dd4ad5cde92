// The engine's half of the conv layers (their description is ../../shared/networks/conv.ts): tfjs's conv2d and
// conv2dTranspose on flat rows reshaped to NHWC. On the wasm backend these reach the registered kernels
// (../kernels/conv2d.ts: im2col + OpenBLAS when the addon is loaded, tfjs-wasm's own and the pure-wasm filter
// gradient otherwise). The data batch's input gradient is never computed: tfjs only differentiates towards the
// variables, and the data is not one.
import * as tf from '@tensorflow/tfjs-core';
import { explicitPad, type ConvLayer } from '../../shared/network';

/** act(conv(x) + b) for a batch of flat NHWC rows of layer.inShape, returned as flat rows of layer.outShape. */
export function convLayer(x: tf.Tensor2D, kernel: tf.Tensor, bias: tf.Tensor, layer: ConvLayer, activation: 'linear' | 'relu'): tf.Tensor2D {
  return tf.tidy(() => {
    const n = x.shape[0];
    const image = tf.reshape(x, [n, ...layer.inShape]) as tf.Tensor4D;
    const filter = kernel as tf.Tensor4D;
    const y =
      layer.op === 'conv2d'
        ? tf.conv2d(image, filter, layer.strides, explicitPad(layer.pad))
        : tf.conv2dTranspose(image, filter, [n, ...layer.outShape], layer.strides, explicitPad(layer.pad));
    const a = tf.add(y, bias);
    return tf.reshape(activation === 'relu' ? tf.relu(a) : a, [n, layer.outShape[0] * layer.outShape[1] * layer.outShape[2]]) as tf.Tensor2D;
  });
}
